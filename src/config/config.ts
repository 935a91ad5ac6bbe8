/**
 * Live configuration: typed values of the directives in schema.ts, set from the config file,
 * argv and CONFIG SET through one path ({@link Config.set} / {@link Config.setMany}), printed
 * as CONFIG GET prints them ({@link Config.getText}), with change listeners so the parts that
 * care (log level, listeners, hz, the replication link) react to CONFIG SET.
 *
 * Value representation: bool -> boolean; int/memory -> number (values beyond 2^53 keep their
 * exact text for printing); string/enum -> string; specials -> string[] (save: flat
 * seconds/changes pairs; bind; replicaof: [] or [host, port]; client-output-buffer-limit: flat
 * class/hard/soft/seconds quadruples for normal, slave, pubsub; oom-score-adj-values; latency
 * percentiles), except notify-keyspace-events (flags string) and dir (the process's cwd).
 */
import { statSync } from 'node:fs';
import { DIRECTIVES, type Directive, findDirective, isDragonflyName, listableNames } from './schema.js';

export type ConfigValue = string | number | boolean | string[];

/** A refused value; `message` is Redis's text ("argument must be 'yes' or 'no'"). */
export class ConfigError extends Error {}

export const BAD_DIRECTIVE = 'Bad directive or wrong number of arguments';

/** Directives that take several arguments (Redis's MULTI_ARG_CONFIG) or flags (multi enums). */
export function isMultiArg(d: Directive): boolean {
  if (d.multiEnum) return true;
  return d.type === 'special' && d.special !== 'dir' && d.special !== 'notify-keyspace-events';
}

/** String directives where "" is a value of its own (ALLOW_EMPTY_STRING); the others treat "" as unset. */
export const ALLOW_EMPTY_STRING = new Set([
  'aclfile',
  'cluster-config-file',
  'syslog-ident',
  'dbfilename',
  'appendfilename',
  'appenddirname',
  'ignore-warnings',
  'proc-title-template',
  'logfile',
]);

export class Config {
  private values = new Map<string, ConfigValue>();
  /** Exact decimal text of integers beyond Number's safe range (CONFIG GET prints them). */
  private bigText = new Map<string, string>();
  private listeners = new Map<string, Array<(v: ConfigValue) => void>>();
  /** Set once the first `save` line of a config file replaced the defaults (then lines add up). */
  private saveLoaded = false;
  /** Absolute path of the config file the server started with (CONFIG REWRITE target), if any. */
  file: string | null = null;
  /** `user` directives as read (ACL lines), for the ACL work to apply. */
  readonly users: string[][] = [];

  constructor() {
    for (const d of DIRECTIVES) this.values.set(d.name, cloneValue(d.default));
  }

  num(name: string): number {
    // Hot path (per command): callers use canonical names, so try the name as given first.
    return (this.values.get(name) ?? this.values.get(canonical(name))) as number;
  }

  str(name: string): string {
    const n = canonical(name);
    if (n === 'dir') return process.cwd();
    return this.values.get(n) as string;
  }

  bool(name: string): boolean {
    return (this.values.get(name) ?? this.values.get(canonical(name))) as boolean;
  }

  list(name: string): string[] {
    return this.values.get(canonical(name)) as string[];
  }

  raw(name: string): ConfigValue | undefined {
    const n = canonical(name);
    if (n === 'dir') return process.cwd();
    return this.values.get(n);
  }

  /**
   * Sets a directive from its textual arguments (one word for most directives; several for
   * multi-argument ones such as `save` or `bind`). `startup` = from the config file or argv:
   * immutable directives are allowed and repeated `save` lines add up, as in Redis.
   * Throws ConfigError with Redis's wording on a bad value. Listeners run when the value changed.
   */
  set(name: string, args: string[], startup: boolean): void {
    const d = findDirective(name);
    if (!d) throw new ConfigError(BAD_DIRECTIVE);
    if (!startup && !d.mutable) throw new ConfigError(`can't set immutable config`);
    const p = parseValue(d, args, this, isDragonflyName(name));
    if (d.special === 'save' && startup) {
      // Redis: the first save line of a file replaces the defaults, later ones append.
      // `save ""` clears whatever came before.
      if (this.saveLoaded && (p.v as string[]).length > 0) p.v = [...this.list('save'), ...(p.v as string[])];
      this.saveLoaded = true;
    }
    this.assign(d, p);
  }

  /**
   * CONFIG SET name value [name value ...]: all or nothing. Values are split on single spaces
   * for multi-argument directives, as Redis does. Returns Redis's error text (without "ERR ")
   * or null; `changed` receives the primary names whose value changed.
   */
  setMany(pairs: Array<[string, string]>, allowProtected: boolean, changed: string[] = []): string | null {
    const dirs: Directive[] = [];
    for (const [name] of pairs) {
      const d = findDirective(name);
      if (!d) return `Unknown option or number of arguments for CONFIG SET - '${name}'`;
      dirs.push(d);
    }
    for (let i = 0; i < pairs.length; i++) {
      const d = dirs[i];
      if (!d.mutable) return setFailed(pairs[i][0], `can't set immutable config`);
      if (d.protected && !allowProtected) return setFailed(pairs[i][0], `can't set protected config`);
      if (dirs.indexOf(d) < i) return setFailed(pairs[i][0], 'duplicate parameter');
    }
    const parsed: Parsed[] = [];
    for (let i = 0; i < pairs.length; i++) {
      const d = dirs[i];
      const text = pairs[i][1];
      const args = isMultiArg(d) ? (text === '' ? [] : text.split(' ')) : [text];
      try {
        parsed.push(parseValue(d, args, this, isDragonflyName(pairs[i][0])));
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        // Redis names the directive as registered: the alias itself when one was used.
        return setFailed(pairs[i][0].toLowerCase(), e.message);
      }
    }
    const before = dirs.map((d) => ({ v: this.raw(d.name)!, big: this.bigText.get(d.name), text: this.getText(d.name)! }));
    try {
      for (let i = 0; i < dirs.length; i++) this.assign(dirs[i], parsed[i]);
    } catch (e) {
      // A listener refused the change: put every value back (listeners see the old values).
      for (let i = dirs.length - 1; i >= 0; i--) {
        try {
          this.assign(dirs[i], before[i]);
        } catch {
          // keep restoring the others
        }
      }
      return setFailed(dirs[0].name, (e as Error).message);
    }
    for (let i = 0; i < dirs.length; i++) if (this.getText(dirs[i].name) !== before[i].text) changed.push(dirs[i].name);
    return null;
  }

  /** Stores a parsed value and calls the listeners when it changed. */
  private assign(d: Directive, p: Parsed): void {
    const beforeText = this.getText(d.name);
    if (d.special === 'dir') {
      process.chdir(p.v as string);
    } else {
      this.values.set(d.name, p.v);
      if (p.big !== undefined) this.bigText.set(d.name, p.big);
      else this.bigText.delete(d.name);
    }
    if (this.getText(d.name) === beforeText) return;
    for (const fn of this.listeners.get(d.name) ?? []) fn(this.raw(d.name)!);
  }

  onChange(name: string, fn: (v: ConfigValue) => void): void {
    const n = canonical(name);
    const arr = this.listeners.get(n) ?? [];
    arr.push(fn);
    this.listeners.set(n, arr);
  }

  /** The value as CONFIG GET prints it, or null for an unknown name. */
  getText(name: string): string | null {
    const d = findDirective(name);
    if (!d) return null;
    return formatValue(d, d.special === 'dir' ? process.cwd() : this.values.get(d.name)!, this.bigText.get(d.name));
  }

  /**
   * CONFIG GET pattern [pattern ...]: [name, value] pairs. A pattern without glob characters is
   * an exact, case-insensitive lookup echoing the name as given (hidden configs included); a
   * glob matches primary names and Redis's aliases, case-insensitively, each name once.
   */
  getMatching(patterns: string[], match: (pattern: string, name: string) => boolean): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    const seen = new Set<string>();
    for (const p of patterns) {
      if (!/[[*?]/.test(p)) {
        const d = findDirective(p);
        if (!d || seen.has(p)) continue;
        seen.add(p);
        out.push([p, this.getText(p)!]);
        continue;
      }
      for (const [name] of listableNames()) {
        if (seen.has(name) || !match(p, name)) continue;
        seen.add(name);
        out.push([name, this.getText(name)!]);
      }
    }
    return out;
  }
}

/** A parsed value; `big` keeps the exact text of an integer beyond Number's safe range. */
interface Parsed {
  v: ConfigValue;
  big?: string;
}

function canonical(name: string): string {
  const d = findDirective(name);
  return d ? d.name : name;
}

function cloneValue(v: ConfigValue): ConfigValue {
  return Array.isArray(v) ? v.slice() : v;
}

function setFailed(name: string, msg: string): string {
  return `CONFIG SET failed (possibly related to argument '${name}') - ${msg}`;
}

// ---------------------------------------------------------------------------------------------
// Parsing values (Redis's typeInterface.set functions)

const UNITS: Record<string, bigint> = {
  '': 1n,
  b: 1n,
  k: 1000n,
  kb: 1024n,
  m: 1000n * 1000n,
  mb: 1024n * 1024n,
  g: 1000n * 1000n * 1000n,
  gb: 1024n * 1024n * 1024n,
};

/** Redis's memtoull: digits then an optional unit ("1gb" -> 1073741824, "100k" -> 100000); null when malformed. */
export function parseMemoryBig(s: string): bigint | null {
  const m = /^([0-9]*)([a-zA-Z]*)$/.exec(s);
  if (!m) return null;
  const mul = UNITS[m[2].toLowerCase()];
  if (mul === undefined) return null;
  const n = (m[1] === '' ? 0n : BigInt(m[1])) * mul;
  return n > 18446744073709551615n ? null : n;
}

/** {@link parseMemoryBig} as a Number (kept for callers of the former API). */
export function parseMemory(s: string): number | null {
  const n = parseMemoryBig(s);
  return n === null ? null : Number(n);
}

/** Redis's string2ll: optional '-', no leading zeros or spaces, within int64. */
function string2ll(s: string): bigint | null {
  if (!/^(-?[1-9][0-9]*|0)$/.test(s)) return null;
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) return null;
  return n;
}

/** C's strtoll over the whole string: leading blanks and a sign allowed; "" is 0. */
function strtollFull(s: string): bigint | null {
  const m = /^[ \t\n\v\f\r]*([+-]?[0-9]*)$/.exec(s);
  if (!m) return null;
  if (m[1] === '' || m[1] === '+' || m[1] === '-') return m[1] === '' && s.trim() === '' ? 0n : null;
  return BigInt(m[1]);
}

const OBUF_CLASSES = ['normal', 'slave', 'pubsub'];

/** Keyspace notification flags (notify.c): the order Redis prints them in. */
const NOTIFY_ORDER = ['g', '$', 'l', 's', 'h', 'z', 'x', 'e', 't', 'd', 'n'];
const NOTIFY_ALL = ['g', '$', 'l', 's', 'h', 'z', 'x', 'e', 't', 'd'];

/** Parses notify-keyspace-events flags into Redis's canonical string; null on a bad character. */
export function normalizeNotifyFlags(s: string): string | null {
  const set = new Set<string>();
  for (const ch of s) {
    if (ch === 'A') for (const f of NOTIFY_ALL) set.add(f);
    else if (NOTIFY_ORDER.includes(ch) || ch === 'K' || ch === 'E' || ch === 'm') set.add(ch);
    else return null;
  }
  let out = '';
  if (NOTIFY_ALL.every((f) => set.has(f))) {
    out = 'A';
    if (set.has('n')) out += 'n';
  } else {
    for (const f of NOTIFY_ORDER) if (set.has(f)) out += f;
  }
  if (set.has('K')) out += 'K';
  if (set.has('E')) out += 'E';
  if (set.has('m')) out += 'm';
  return out;
}

/** C's "%f" trimmed of trailing zeros (Redis's trimDoubleString). */
function formatPercentile(x: number): string {
  let s = x.toFixed(6);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  EACCES: 'Permission denied',
};

function parseValue(d: Directive, args: string[], config: Config, dragonfly: boolean): Parsed {
  if (d.type === 'int' || d.type === 'memory') {
    if (args.length !== 1) throw new ConfigError('wrong number of arguments');
    const n = parseNumeric(d, args[0]);
    return Number.isSafeInteger(Number(n)) ? { v: Number(n) } : { v: Number(n), big: n.toString() };
  }
  return { v: parseOther(d, args, config, dragonfly) };
}

function parseOther(d: Directive, args: string[], config: Config, dragonfly: boolean): ConfigValue {
  if (d.type !== 'special' && !d.multiEnum && args.length !== 1) {
    // Dragonfly's bare boolean flag (`--tls`) means yes.
    if (d.type === 'bool' && args.length === 0) return true;
    throw new ConfigError('wrong number of arguments');
  }
  const a = args[0] ?? '';
  switch (d.type) {
    case 'bool': {
      const l = a.toLowerCase();
      if (l === 'yes') return true;
      if (l === 'no') return false;
      if (dragonfly) {
        if (l === 'true' || l === '1' || l === '') return true;
        if (l === 'false' || l === '0') return false;
      }
      throw new ConfigError(`argument must be 'yes' or 'no'`);
    }
    case 'int':
    case 'memory':
      throw new Error('unreachable');
    case 'enum':
      return parseEnum(d, args);
    case 'string':
      validateString(d, a);
      return a;
    case 'special':
      return parseSpecial(d, args, config);
  }
}

function parseNumeric(d: Directive, a: string): bigint {
  let n: bigint | null = null;
  if (d.type === 'memory') {
    n = parseMemoryBig(a);
    if (n === null && d.percent && /^[0-9]+%$/.test(a) && a.length > 1) {
      const p = string2ll(a.slice(0, -1));
      if (p !== null) n = -p;
    }
  } else if (d.octal) {
    if (/^[+-]?[0-7]+$/.test(a)) n = BigInt('0o' + a.replace(/^[+-]/, '')) * (a.startsWith('-') ? -1n : 1n);
  } else {
    n = string2ll(a);
  }
  if (n === null) {
    if (d.type === 'memory') throw new ConfigError(d.percent ? 'argument must be a memory or percent value' : 'argument must be a memory value');
    if (d.octal) throw new ConfigError("argument couldn't be parsed as an octal number");
    throw new ConfigError("argument couldn't be parsed into an integer");
  }
  const min = d.min!;
  const max = d.max!;
  if (d.percent && n < 0) {
    if (n < min) throw new ConfigError(`percentage argument must be less or equal to ${-min}`);
  } else if (n < min || n > max) {
    const f = (x: bigint) => (d.octal ? x.toString(8) : x.toString());
    throw new ConfigError(`argument must be between ${f(min)} and ${f(max)} inclusive`);
  }
  if (d.name === 'hz') {
    // Redis takes hz as a hint and caps it to [1, 500].
    if (n < 1n) n = 1n;
    if (n > 500n) n = 500n;
  }
  return n;
}

function parseEnum(d: Directive, args: string[]): string {
  const values = d.values!;
  const words = d.multiEnum ? args.join(' ').split(' ').filter((w) => w !== '') : args;
  const bad = () => new ConfigError(`argument(s) must be one of the following: ${values.join(', ')}`);
  if (words.length === 0) throw bad();
  const picked = new Set<string>();
  for (const w of words) {
    const l = w.toLowerCase();
    if (!values.includes(l)) throw bad();
    picked.add(d.enumAliases?.[l] ?? l);
  }
  if (!d.multiEnum) return [...picked][0];
  if (picked.has('save') && picked.has('nosave')) throw new ConfigError("shutdown options SAVE and NOSAVE can't be used simultaneously");
  const flags = values.filter((v) => v !== 'default' && picked.has(v));
  return flags.length === 0 ? 'default' : flags.join(' ');
}

function isBaseName(p: string): boolean {
  return !p.includes('/');
}

function validateString(d: Directive, a: string): void {
  switch (d.name) {
    case 'dbfilename':
      if (!isBaseName(a)) throw new ConfigError("dbfilename can't be a path, just a filename");
      break;
    case 'appendfilename':
      if (a === '') throw new ConfigError("appendfilename can't be empty");
      if (!isBaseName(a)) throw new ConfigError("appendfilename can't be a path, just a filename");
      break;
    case 'appenddirname':
      if (a === '') throw new ConfigError("appenddirname can't be empty");
      if (!isBaseName(a)) throw new ConfigError("appenddirname can't be a path, just a dirname");
      break;
    case 'cluster-announce-hostname':
      if (!/^[A-Za-z0-9.-]*$/.test(a)) throw new ConfigError('Hostnames may only contain alphanumeric characters, hyphens or dots');
      break;
  }
}

function parseSpecial(d: Directive, args: string[], config: Config): ConfigValue {
  switch (d.special!) {
    case 'dir': {
      if (args.length !== 1) throw new ConfigError('wrong number of arguments');
      try {
        if (!statSync(args[0]).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? 'ENOENT';
        throw new ConfigError(ERRNO_TEXT[code] ?? code);
      }
      return args[0];
    }
    case 'save': {
      let argv = args;
      if (argv.length === 1 && argv[0] === '') argv = [];
      // One argument holding several values ("3600 1 300 5", as `--save "3600 1"` gives): Redis splits it.
      else if (argv.length === 1) argv = argv[0].split(' ').filter((x) => x !== '');
      if (argv.length % 2 === 1) throw new ConfigError('Invalid save parameters');
      const out: string[] = [];
      for (let j = 0; j < argv.length; j++) {
        const v = strtollFull(argv[j]);
        if (v === null || (j % 2 === 0 && v < 1n) || (j % 2 === 1 && v < 0n)) throw new ConfigError('Invalid save parameters');
        out.push(v.toString());
      }
      return out;
    }
    case 'client-output-buffer-limit': {
      if (args.length % 4 !== 0) throw new ConfigError('Wrong number of arguments in buffer limit configuration.');
      const cur = config.list('client-output-buffer-limit').slice();
      const updates: Array<[number, string[]]> = [];
      for (let j = 0; j < args.length; j += 4) {
        let cls = args[j].toLowerCase();
        if (cls === 'replica') cls = 'slave';
        const idx = OBUF_CLASSES.indexOf(cls);
        if (idx < 0) throw new ConfigError('Invalid client class specified in buffer limit configuration.');
        const hard = parseMemoryBig(args[j + 1]);
        const soft = parseMemoryBig(args[j + 2]);
        const secs = strtollFull(args[j + 3]);
        if (hard === null || soft === null || secs === null || secs < 0n) {
          throw new ConfigError('Error in hard, soft or soft_seconds setting in buffer limit configuration.');
        }
        updates.push([idx, [OBUF_CLASSES[idx], hard.toString(), soft.toString(), secs.toString()]]);
      }
      for (const [idx, q] of updates) cur.splice(idx * 4, 4, ...q);
      return cur;
    }
    case 'oom-score-adj-values': {
      if (args.length !== 3) throw new ConfigError('wrong number of arguments');
      return args.map((a) => {
        const v = strtollFull(a);
        if (v === null || v < -2000n || v > 2000n) throw new ConfigError('Invalid oom-score-adj-values, elements must be between -2000 and 2000.');
        return v.toString();
      });
    }
    case 'notify-keyspace-events': {
      if (args.length !== 1) throw new ConfigError('wrong number of arguments');
      const flags = normalizeNotifyFlags(args[0]);
      if (flags === null) throw new ConfigError("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
      return flags;
    }
    case 'bind': {
      if (args.length > 16) throw new ConfigError('Too many bind addresses specified.');
      if (args.length === 1 && args[0] === '') return [];
      return args.slice();
    }
    case 'replicaof': {
      let argv = args;
      // Dragonfly's spelling: replicaof host:port
      if (argv.length === 1 && argv[0].includes(':')) {
        const i = argv[0].lastIndexOf(':');
        argv = [argv[0].slice(0, i).replace(/^\[(.*)\]$/, '$1'), argv[0].slice(i + 1)];
      }
      if (argv.length !== 2) throw new ConfigError('wrong number of arguments');
      if (argv[0].toLowerCase() === 'no' && argv[1].toLowerCase() === 'one') return [];
      const port = /^[+-]?[0-9]+$/.test(argv[1]) ? Number(argv[1]) : NaN;
      if (!(port >= 0 && port <= 65535)) throw new ConfigError('Invalid master port');
      return [argv[0], String(port)];
    }
    case 'latency-tracking-info-percentiles': {
      if (args.length === 1 && args[0] === '') return [];
      return args.map((a) => {
        if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(a)) throw new ConfigError('Invalid latency-tracking-info-percentiles parameters');
        const x = Number(a);
        if (x > 100 || x < 0) throw new ConfigError('latency-tracking-info-percentiles parameters should sit between [0.0,100.0]');
        return formatPercentile(x);
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Printing values (Redis's typeInterface.get functions)

function formatValue(d: Directive, v: ConfigValue, big: string | undefined): string {
  switch (d.type) {
    case 'bool':
      return v ? 'yes' : 'no';
    case 'int':
      if (d.octal) return (v as number).toString(8);
      return big ?? String(v);
    case 'memory':
      if (d.percent && (v as number) < 0) return `${-(v as number)}%`;
      return big ?? String(v);
    case 'enum':
    case 'string':
      return v as string;
    case 'special':
      return Array.isArray(v) ? v.join(' ') : (v as string);
  }
}

/**
 * client-output-buffer-limit as numbers per class ("normal", "slave", "pubsub"), for the
 * output-buffer enforcement.
 */
export function outputBufferLimits(config: Config): Record<string, { hard: number; soft: number; seconds: number }> {
  const l = config.list('client-output-buffer-limit');
  const out: Record<string, { hard: number; soft: number; seconds: number }> = {};
  for (let i = 0; i + 3 < l.length; i += 4) out[l[i]] = { hard: Number(l[i + 1]), soft: Number(l[i + 2]), seconds: Number(l[i + 3]) };
  return out;
}

/** `save` as [seconds, changes] pairs. */
export function saveParams(config: Config): Array<[number, number]> {
  const l = config.list('save');
  const out: Array<[number, number]> = [];
  for (let i = 0; i + 1 < l.length; i += 2) out.push([Number(l[i]), Number(l[i + 1])]);
  return out;
}
