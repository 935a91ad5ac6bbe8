/**
 * redis-server's start-up rules: the command line becomes config lines appended after the
 * config file's (Redis's main()), and config text is read line by line
 * (loadServerConfigFromString) with Redis's fatal error report.
 */
import { closeSync, openSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { splitArgs } from '../protocol/request-parser.js';
import { globMatch } from '../store/glob.js';
import { BAD_DIRECTIVE, Config, ConfigError, isMultiArg } from './config.js';
import { findDirective, isDragonflyName } from './schema.js';

/** What the command line asks for. */
export interface CommandLine {
  action: 'run' | 'version' | 'help' | 'sentinel';
  /** Config file path as given (first argument not starting with '-'), or null. */
  configFile: string | null;
  /** `-` as the first or last argument: read config from standard input. */
  fromStdin: boolean;
  /** The options as config text, one directive per line. */
  options: string;
}

/** Redis's sdscatrepr for a config value: always double-quoted with C escapes. */
export function repr(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '\\' || ch === '"') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else out += '\\x' + c.toString(16).padStart(2, '0');
  }
  return out + '"';
}

/**
 * Turns argv (without node and the script) into config text as redis-server 7.0.15 does:
 * `--name` starts a directive; following words are its arguments (quoted); a bare `--name`
 * takes the next word as its value even if it starts with `--`, except `--save` (then `""`).
 * Petrel additions: `--name=value` is one directive in one word (Dragonfly's style), and a bare
 * boolean flag followed by another `--flag` or at the end means `yes`.
 */
export function parseCommandLine(argv: string[]): CommandLine {
  const res: CommandLine = { action: 'run', configFile: null, fromStdin: false, options: '' };
  if (argv.length === 0) return res;
  if (argv[0] === '-v' || argv[0] === '--version') return { ...res, action: 'version' };
  if (argv[0] === '-h' || argv[0] === '--help') return { ...res, action: 'help' };
  if (argv.some((a) => a === '--sentinel')) return { ...res, action: 'sentinel' };
  let j = 0;
  if (!argv[0].startsWith('-')) {
    res.configFile = argv[0];
    j = 1;
  }
  let opts = '';
  let handledLast = true; // false right after a bare `--name` still waiting for its value
  let bareName = '';
  const n = argv.length;
  for (; j < n; j++) {
    // Dragonfly's docs also write its flags with one dash, gflags style (`-admin_port=6380`).
    const a = /^-[a-z_]+=/i.test(argv[j]) && isDragonflyName(argv[j].slice(1, argv[j].indexOf('='))) ? '-' + argv[j] : argv[j];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const eqForm = eq > 2 && !/\s/.test(a.slice(2, eq));
    if (a === '-' && (j === 0 || j === n - 1)) {
      res.fromStdin = true;
    } else if (a.startsWith('--') && (handledLast || eqForm || isBareBool(bareName))) {
      if (!handledLast && isBareBool(bareName)) opts += 'yes';
      if (opts.length) opts += '\n';
      if (eqForm) {
        opts += a.slice(2, eq) + ' ' + repr(a.slice(eq + 1)) + ' ';
        handledLast = true;
        bareName = '';
        continue;
      }
      opts += a.slice(2) + ' ';
      const words = splitArgs(a) ?? [];
      if (words.length === 1) {
        handledLast = false;
        bareName = a.slice(2);
        const nextIsFlag = j !== n - 1 && argv[j + 1].startsWith('--');
        if (a.toLowerCase() === '--save' && (nextIsFlag || j === n - 1)) {
          // Redis: `--save` with no value means `save ""`.
          opts += '""';
          handledLast = true;
          bareName = '';
        }
      } else {
        handledLast = true;
        bareName = '';
      }
    } else {
      opts += repr(a) + ' ';
      handledLast = true;
      bareName = '';
    }
  }
  if (!handledLast && isBareBool(bareName)) opts += 'yes';
  res.options = opts;
  return res;
}

function isBareBool(name: string): boolean {
  if (!name) return false;
  const d = findDirective(name);
  return d !== undefined && d.type === 'bool';
}

/** A fatal config error, reported as Redis does and followed by exit code 1. */
export class FatalConfigError extends Error {
  constructor(
    message: string,
    /** 1-based line number and the (trimmed) line, when the error is about one line. */
    readonly line: number | null,
    readonly text: string | null,
  ) {
    super(message);
  }

  /** Redis's report, byte for byte. */
  report(redisVersion: string): string {
    let s = `\n*** FATAL CONFIG FILE ERROR (Redis ${redisVersion}) ***\n`;
    if (this.line !== null) s += `Reading the configuration file, at line ${this.line}\n>>> '${this.text}'\n`;
    return s + this.message + '\n';
  }
}

/** Not a config line error: Redis logs these and exits 1 ("Fatal error, can't open config file"). */
export class FatalStartupError extends Error {}

/** `rename-command` lines, applied once the command table exists. */
export interface RenameCommand {
  from: string;
  to: string;
  line: number;
  text: string;
}

export interface LoadResult {
  renames: RenameCommand[];
}

const DEPRECATED = new Set(['list-max-ziplist-entries', 'list-max-ziplist-value', 'lua-replicate-commands']);

/** Reads a config file (or every file a glob matches) as Redis's loadServerConfig does. */
export function readConfigFile(file: string): string {
  if (/[*?[]/.test(file)) {
    // Wildcards: no match is fine (empty conf.d directories).
    const dir = path.dirname(file);
    const pattern = path.basename(file);
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((f) => !f.startsWith('.') && globMatch(pattern, f)).sort();
    } catch {
      return '';
    }
    return names.map((f) => readOne(path.join(dir, f))).join('');
  }
  return readOne(file);
}

function readOne(file: string): string {
  try {
    return readFileSync(file, 'latin1');
  } catch (e) {
    throw new FatalStartupError(`Fatal error, can't open config file '${file}': ${errnoText(e)}`);
  }
}

function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'No such file or directory';
  if (code === 'EACCES') return 'Permission denied';
  if (code === 'EISDIR') return 'Is a directory';
  return (e as Error).message;
}

/**
 * Applies config text to `config` (Redis's loadServerConfigFromString). `include` reads other
 * files (paths relative to the current directory, as Redis). Throws FatalConfigError.
 */
export function loadConfigText(text: string, config: Config, result: LoadResult = { renames: [] }, top = true): LoadResult {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
    if (line === '' || line[0] === '#') continue;
    const fail = (msg: string): never => {
      throw new FatalConfigError(msg, i + 1, line);
    };
    const argv = splitArgs(line);
    if (argv === null) fail('Unbalanced quotes in configuration line');
    if (argv!.length === 0) continue;
    const name = argv![0].toLowerCase();
    const args = argv!.slice(1);
    const d = findDirective(name);
    if (d) {
      if (!isMultiArg(d) && argv!.length !== 2) fail('wrong number of arguments');
      try {
        config.set(name, args, true);
      } catch (e) {
        if (e instanceof ConfigError) fail(e.message);
        throw e;
      }
      continue;
    }
    if (DEPRECATED.has(name) && argv!.length === 2) continue;
    if (name === 'include' && argv!.length === 2) {
      loadConfigText(readConfigFile(args[0]), config, result, false);
    } else if (name === 'rename-command' && argv!.length === 3) {
      result.renames.push({ from: args[0], to: args[1], line: i + 1, text: line });
    } else if (name === 'user' && argv!.length >= 2) {
      config.users.push(args);
    } else if (name === 'loadmodule' && argv!.length >= 2) {
      fail('Petrel does not support modules: loadmodule cannot be used');
    } else if (name.includes('.')) {
      fail(argv!.length !== 2 ? 'Module config specified without value' : 'Petrel does not support modules: module configs cannot be used');
    } else if (name === 'sentinel') {
      if (argv!.length !== 1) fail('sentinel directive while not in sentinel mode');
    } else {
      fail(BAD_DIRECTIVE);
    }
  }
  if (top) {
    const logfile = config.str('logfile');
    if (logfile !== '') {
      try {
        // Redis checks at load time that the log file can be opened for append.
        closeSync(openSync(logfile, 'a'));
      } catch (e) {
        throw new FatalConfigError(`Can't open the log file: ${errnoText(e)}`, null, null);
      }
    }
  }
  return result;
}

/**
 * The whole start-up load: config file, then standard input, then the command line options,
 * joined into one text as Redis does (so line numbers run on across them).
 */
export function loadStartupConfig(cl: CommandLine, config: Config, stdinText: () => string): LoadResult {
  let text = '';
  // Absolute before loading: a `dir` directive changes the current directory as it is read.
  const abs = cl.configFile !== null ? path.resolve(cl.configFile) : null;
  if (cl.configFile !== null) text += readConfigFile(cl.configFile);
  if (cl.fromStdin) text += stdinText();
  text += '\n' + cl.options;
  const res = loadConfigText(text, config);
  config.file = abs;
  return res;
}
