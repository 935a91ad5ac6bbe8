/**
 * Access control (Redis 7.0's acl.c): users, their passwords, flags and selectors (command,
 * key and channel permissions), the rule language of ACL SETUSER / `user` lines / ACL files,
 * the permission check run before every command, and the ACL LOG.
 *
 * A user has a root selector and optional extra selectors ("(...)" rules, 7.0); a command is
 * allowed when any selector allows it. Command permissions are kept per table entry
 * (subcommands have their own), plus "first arguments" (+select|0) for commands without
 * subcommands, as Redis does.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { CommandTable, type TableEntry } from '../commands/table.js';
import { ACL_CATEGORIES, aclCategories, keySpecFlags } from '../commands/server.js';
import { globMatch } from '../store/glob.js';
import { clientInfoLine } from '../commands/client.js';
import type { Client } from './client.js';

export const KEY_READ = 1;
export const KEY_WRITE = 2;

/** Results of a check, in Redis's order of relevance (ACL_DENIED_*). */
export const enum Denied {
  None = 0,
  Cmd = 1,
  Key = 2,
  Auth = 3,
  Channel = 4,
}

export interface KeyPattern {
  pattern: string;
  /** KEY_READ | KEY_WRITE */
  flags: number;
}

/** A rule was refused: `message` is Redis's ACLSetUserStringError text. */
export class AclRuleError extends Error {}

const ERR_UNKNOWN = 'Unknown command or category name in ACL';
const ERR_SYNTAX = 'Syntax error';
const ERR_ALLKEYS = "Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid and does not have any effect. Try 'resetkeys' to start with an empty list of patterns";
const ERR_ALLCHANNELS = "Adding a pattern after the * pattern (or the 'allchannels' flag) is not valid and does not have any effect. Try 'resetchannels' to start with an empty list of channels";
const ERR_NOPASS = 'The password you are trying to remove from the user does not exist';
const ERR_HASH = 'The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters';
const ERR_SELECTOR_FLAG = 'Selector flags are only allowed within selectors';

export const NOPERM_KEY = 'NOPERM this user has no permissions to access one of the keys used as arguments';
export const NOPERM_CHANNEL = 'NOPERM this user has no permissions to access one of the channels used as arguments';
export const WRONGPASS = 'WRONGPASS invalid username-password pair or user is disabled.';
export const NO_ACLFILE =
  'ERR This Redis instance is not configured to use an ACL file. You may want to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a Redis configuration file set) in order to store users in the Redis configuration.';

export function sha256hex(s: string): string {
  return createHash('sha256').update(Buffer.from(s, 'latin1')).digest('hex');
}

export class Selector {
  root: boolean;
  allKeys = false;
  allChannels = false;
  /** Redis's reserved "future commands" bit: set by +@all, cleared by -@all. */
  future = false;
  keys: KeyPattern[] = [];
  channels: string[] = [];
  allowed = new Set<TableEntry>();
  /** +cmd|arg for commands without subcommands: allowed first arguments (lower-case). */
  firstArgs = new Map<TableEntry, string[]>();
  /** Command rules as ACL GETUSER/LIST show them after "+@all"/"-@all", redundant ones dropped. */
  rules: string[] = [];

  constructor(root: boolean, allChannels: boolean) {
    this.root = root;
    this.allChannels = allChannels;
  }

  clone(): Selector {
    const s = new Selector(this.root, this.allChannels);
    s.allKeys = this.allKeys;
    s.future = this.future;
    s.rules = [...this.rules];
    s.keys = this.keys.map((k) => ({ ...k }));
    s.channels = [...this.channels];
    s.allowed = new Set(this.allowed);
    for (const [k, v] of this.firstArgs) s.firstArgs.set(k, [...v]);
    return s;
  }

  /** Cached by Acl after changes: every table entry allowed. */
  allowedAll = false;
}

export class User {
  enabled = false;
  nopass = false;
  /** 'sanitize-payload' / 'skip-sanitize-payload' flags as set. */
  sanitize: '' | 'sanitize-payload' | 'skip-sanitize-payload' = '';
  /** SHA-256 hex of each password, in the order added. */
  passwords: string[] = [];
  selectors: Selector[];

  constructor(
    readonly name: string,
    allChannels: boolean,
  ) {
    this.selectors = [new Selector(true, allChannels)];
  }

  get root(): Selector {
    return this.selectors[0];
  }

  clone(name = this.name): User {
    const u = new User(name, false);
    u.enabled = this.enabled;
    u.nopass = this.nopass;
    u.sanitize = this.sanitize;
    u.passwords = [...this.passwords];
    u.selectors = this.selectors.map((s) => s.clone());
    return u;
  }
}

export interface AclLogEntry {
  count: number;
  reason: 'auth' | 'command' | 'key' | 'channel';
  context: 'toplevel' | 'multi' | 'lua';
  object: string;
  username: string;
  /** ms */
  created: number;
  clientInfo: string;
}

/** What the ACL code needs from the server (kept narrow so units tests can fake it). */
export interface AclHost {
  table: CommandTable;
  pubsubDefaultAll(): boolean;
  logMaxLen(): number;
  clients(): Iterable<Client>;
}

const READ_KEY_FLAGS = new Set(['access']);
const WRITE_KEY_FLAGS = new Set(['insert', 'delete', 'update']);

export class Acl {
  readonly users = new Map<string, User>();
  log: AclLogEntry[] = [];
  /** Denials by kind: INFO's acl_access_denied_* (Redis 7.2 names). */
  readonly denied = { auth: 0, cmd: 0, key: 0, channel: 0 };
  /** The client running the current ACL command: closed after its reply, not at once. */
  current: Client | null = null;
  /** Per-entry category cache (entries never change after start-up). */
  private cats = new Map<TableEntry, Set<string>>();

  constructor(readonly host: AclHost) {
    this.users.set('default', this.makeDefault());
  }

  private makeDefault(): User {
    const u = new User('default', true);
    for (const op of ['+@all', '~*', '&*', 'on', 'nopass']) this.applyUserRule(u, op);
    this.refresh(u);
    return u;
  }

  get defaultUser(): User {
    return this.users.get('default')!;
  }

  /** Redis's authRequired: the default user asks for a password or is off. */
  authRequired(): boolean {
    const d = this.defaultUser;
    return !d.nopass || !d.enabled;
  }

  /** requirepass (config or CONFIG SET): Redis's ACLUpdateDefaultUserPassword. */
  setRequirepass(pass: string): void {
    const d = this.defaultUser;
    this.applyUserRule(d, 'resetpass');
    this.applyUserRule(d, pass === '' ? 'nopass' : '>' + pass);
    this.refresh(d);
  }

  categoriesOf(e: TableEntry): Set<string> {
    let s = this.cats.get(e);
    if (s === undefined) {
      s = new Set(aclCategories(e.spec));
      this.cats.set(e, s);
    }
    return s;
  }

  /** Entries (top-level, then their subcommands) in table order. */
  private *entries(): IterableIterator<TableEntry> {
    yield* this.host.table.all();
  }

  // ---- rules ----

  /** Redis's ACLChangeSelectorPerm: a command and (for containers) all its subcommands. */
  private changePerm(s: Selector, e: TableEntry, allow: boolean): void {
    const set = (x: TableEntry) => (allow ? s.allowed.add(x) : s.allowed.delete(x));
    set(e);
    s.firstArgs.delete(e);
    if (e.subcommands) for (const sub of e.subcommands.values()) set(sub);
  }

  private setCategory(s: Selector, cat: string, allow: boolean): void {
    cat = cat.toLowerCase();
    if (cat === 'all') {
      s.future = allow;
      s.rules = [];
      for (const e of this.entries()) (allow ? s.allowed.add(e) : s.allowed.delete(e));
      s.firstArgs.clear();
      return;
    }
    if (!(ACL_CATEGORIES as readonly string[]).includes(cat)) throw new AclRuleError(ERR_UNKNOWN);
    for (const e of this.host.table.commands.values()) {
      if (this.categoriesOf(e).has(cat)) this.changePerm(s, e, allow);
      if (e.subcommands) for (const sub of e.subcommands.values()) if (this.categoriesOf(sub).has(cat)) this.changePerm(s, sub, allow);
    }
  }

  /** Looks up "get" or "config|get" (Redis's ACLLookupCommand). */
  lookup(name: string): TableEntry | undefined {
    const parts = name.split('|');
    if (parts.length > 2) return undefined;
    const base = this.host.table.get(parts[0]);
    if (base === undefined || parts.length === 1) return base;
    return base.subcommands?.get(parts[1].toLowerCase());
  }

  /** Entries a command rule (+get, -@hash, +config|get) turns on or off; null for +cmd|firstarg. */
  private ruleEntries(rule: string): TableEntry[] | null {
    const body = rule.slice(1);
    if (body.startsWith('@')) {
      const cat = body.slice(1);
      return [...this.entries()].filter((e) => this.categoriesOf(e).has(cat));
    }
    const e = this.lookup(body);
    if (e === undefined) return null;
    return e.subcommands ? [e, ...e.subcommands.values()] : [e];
  }

  /**
   * Redis's ACLSetSelector: one rule that concerns a selector. Throws AclRuleError. Command
   * rules are also recorded for describing: a rule that changes nothing is not kept, and a
   * rule drops the earlier ones it overrides entirely ("-@all +get +@string" shows as
   * "-@all +@string", as Redis 7.0 shows it).
   */
  applySelectorRule(s: Selector, op: string): void {
    const lower = op.toLowerCase();
    const isCmdRule = (op[0] === '+' || op[0] === '-') && lower !== '+@all' && lower !== '-@all';
    if (!isCmdRule) return this.applySelectorRuleInner(s, op);
    const rule = op[0] + lower.slice(1);
    const before = new Set(s.allowed);
    const countFirst = () => [...s.firstArgs.values()].reduce((n, l) => n + l.length, 0);
    const firstBefore = countFirst();
    this.applySelectorRuleInner(s, op);
    const aff = this.ruleEntries(rule);
    if (aff === null) {
      if (countFirst() !== firstBefore) s.rules.push(rule);
      return;
    }
    const changed = aff.some((e) => before.has(e) !== s.allowed.has(e));
    if (!changed && countFirst() === firstBefore) return;
    const covered = new Set(aff);
    s.rules = s.rules.filter((r) => {
      const re = this.ruleEntries(r);
      return re === null ? !(r.startsWith('+') && covered.has(this.lookup(r.slice(1, r.lastIndexOf('|')))!)) : !re.every((e) => covered.has(e));
    });
    if (changed) s.rules.push(rule);
  }

  private applySelectorRuleInner(s: Selector, op: string): void {
    const lower = op.toLowerCase();
    if (lower === 'allkeys' || op === '~*') {
      s.allKeys = true;
      s.keys = [];
    } else if (lower === 'resetkeys') {
      s.allKeys = false;
      s.keys = [];
    } else if (lower === 'allchannels' || op === '&*') {
      s.allChannels = true;
      s.channels = [];
    } else if (lower === 'resetchannels') {
      s.allChannels = false;
      s.channels = [];
    } else if (lower === 'allcommands' || lower === '+@all') {
      this.setCategory(s, 'all', true);
    } else if (lower === 'nocommands' || lower === '-@all') {
      this.setCategory(s, 'all', false);
    } else if (op[0] === '~' || op[0] === '%') {
      if (s.allKeys) throw new AclRuleError(ERR_ALLKEYS);
      let flags = 0;
      let offset = 1;
      if (op[0] === '%') {
        for (; offset < op.length; offset++) {
          const ch = op[offset].toUpperCase();
          if (ch === 'R' && !(flags & KEY_READ)) flags |= KEY_READ;
          else if (ch === 'W' && !(flags & KEY_WRITE)) flags |= KEY_WRITE;
          else if (op[offset] === '~') {
            offset++;
            break;
          } else throw new AclRuleError(ERR_SYNTAX);
        }
      } else flags = KEY_READ | KEY_WRITE;
      if (flags === 0 || offset === op.length) throw new AclRuleError(ERR_SYNTAX);
      const pattern = op.slice(offset);
      const found = s.keys.find((k) => k.pattern === pattern);
      if (found) found.flags |= flags;
      else s.keys.push({ pattern, flags });
    } else if (op[0] === '&') {
      if (s.allChannels) throw new AclRuleError(ERR_ALLCHANNELS);
      const ch = op.slice(1);
      if (!s.channels.includes(ch)) s.channels.push(ch);
    } else if ((op[0] === '+' || op[0] === '-') && op[1] === '@') {
      this.setCategory(s, op.slice(2), op[0] === '+');
    } else if (op[0] === '+' || op[0] === '-') {
      const allow = op[0] === '+';
      const name = op.slice(1);
      const bar = name.lastIndexOf('|');
      if (bar < 0) {
        const e = this.lookup(name);
        if (e === undefined) throw new AclRuleError(ERR_UNKNOWN);
        this.changePerm(s, e, allow);
        return;
      }
      if (!allow) {
        const e = this.lookup(name);
        if (e === undefined) throw new AclRuleError(ERR_UNKNOWN);
        this.changePerm(s, e, false);
        return;
      }
      const parentName = name.slice(0, bar);
      const sub = name.slice(bar + 1);
      const parent = this.lookup(parentName);
      if (parent === undefined) throw new AclRuleError(ERR_UNKNOWN);
      if (parent.parent !== null) throw new AclRuleError(ERR_SELECTOR_FLAG);
      if (sub === '') throw new AclRuleError(ERR_SYNTAX);
      if (parent.subcommands) {
        const e = parent.subcommands.get(sub.toLowerCase());
        if (e === undefined) throw new AclRuleError(ERR_UNKNOWN);
        this.changePerm(s, e, true);
      } else {
        // +select|0: a first argument of a command without subcommands (deprecated in Redis).
        if (s.allowed.has(parent)) return;
        const list = s.firstArgs.get(parent) ?? [];
        if (!list.includes(sub.toLowerCase())) list.push(sub.toLowerCase());
        s.firstArgs.set(parent, list);
      }
    } else {
      throw new AclRuleError(ERR_SYNTAX);
    }
  }

  /** Redis's ACLSetUser: one rule for a user (flags, passwords, selectors, root selector rules). */
  applyUserRule(u: User, op: string): void {
    if (op.length === 0) return;
    const lower = op.toLowerCase();
    if (lower === 'on') u.enabled = true;
    else if (lower === 'off') u.enabled = false;
    else if (lower === 'skip-sanitize-payload' || lower === 'sanitize-payload') u.sanitize = lower;
    else if (lower === 'nopass') {
      u.nopass = true;
      u.passwords = [];
    } else if (lower === 'resetpass') {
      u.nopass = false;
      u.passwords = [];
    } else if (op[0] === '>' || op[0] === '#') {
      let hash: string;
      if (op[0] === '>') hash = sha256hex(op.slice(1));
      else {
        hash = op.slice(1);
        if (!/^[0-9a-f]{64}$/.test(hash)) throw new AclRuleError(ERR_HASH);
      }
      if (!u.passwords.includes(hash)) u.passwords.push(hash);
      u.nopass = false;
    } else if (op[0] === '<' || op[0] === '!') {
      let hash: string;
      if (op[0] === '<') hash = sha256hex(op.slice(1));
      else {
        hash = op.slice(1);
        if (!/^[0-9a-f]{64}$/.test(hash)) throw new AclRuleError(ERR_HASH);
      }
      const i = u.passwords.indexOf(hash);
      if (i < 0) throw new AclRuleError(ERR_NOPASS);
      u.passwords.splice(i, 1);
    } else if (op[0] === '(' && op[op.length - 1] === ')') {
      const sel = new Selector(false, this.host.pubsubDefaultAll());
      for (const inner of op.slice(1, -1).split(' ')) {
        if (inner !== '') this.applySelectorRule(sel, inner);
      }
      u.selectors.push(sel);
    } else if (lower === 'clearselectors') {
      u.selectors.length = 1;
    } else if (lower === 'reset') {
      for (const r of ['resetpass', 'resetkeys', 'resetchannels']) this.applyUserRule(u, r);
      if (this.host.pubsubDefaultAll()) this.applyUserRule(u, 'allchannels');
      for (const r of ['off', 'sanitize-payload', 'clearselectors', '-@all']) this.applyUserRule(u, r);
    } else {
      this.applySelectorRule(u.root, op);
    }
  }

  /** Recomputes cached facts of a user after its rules changed. */
  refresh(u: User): void {
    let total = 0;
    for (const _ of this.entries()) total++;
    for (const s of u.selectors) s.allowedAll = s.allowed.size >= total;
  }

  /**
   * Joins "(" ... ")" arguments into one selector rule (Redis's ACLMergeSelectorArguments).
   * Returns Redis's error text for an unmatched parenthesis.
   */
  static mergeSelectorArgs(args: string[]): string[] | string {
    const out: string[] = [];
    let open: string[] | null = null;
    for (const a of args) {
      if (open !== null) {
        open.push(a);
        if (a.endsWith(')')) {
          out.push(open.join(' '));
          open = null;
        }
      } else if (a.startsWith('(') && !a.endsWith(')')) {
        open = [a];
      } else out.push(a);
    }
    if (open !== null) return `Unmatched parenthesis in acl selector starting at '${open[0]}'.`;
    return out;
  }

  /**
   * ACL SETUSER: applies the rules to a copy and installs it only if all succeed. Returns
   * Redis's error text or null. Clients of the user whose subscriptions are no longer allowed
   * are disconnected (ACLKillPubsubClientsIfNeeded).
   */
  setUser(name: string, rules: string[]): string | null {
    const merged = Acl.mergeSelectorArgs(rules);
    if (typeof merged === 'string') return 'ERR ' + merged;
    const old = this.users.get(name);
    const u = old ? old.clone() : new User(name, this.host.pubsubDefaultAll());
    for (const op of merged) {
      try {
        this.applyUserRule(u, op);
      } catch (e) {
        if (e instanceof AclRuleError) return `ERR Error in ACL SETUSER modifier '${op}': ${e.message}`;
        throw e;
      }
    }
    if (old) {
      // Keep the object identity clients may not hold (they hold the name): copy into place.
      Object.assign(old, { enabled: u.enabled, nopass: u.nopass, sanitize: u.sanitize, passwords: u.passwords, selectors: u.selectors });
      this.refresh(old);
      this.killPubsubClientsIfNeeded(old);
    } else {
      this.refresh(u);
      this.users.set(name, u);
    }
    return null;
  }

  /** Disconnects clients of `u` subscribed to channels or patterns it may no longer use. */
  private killPubsubClientsIfNeeded(u: User): void {
    for (const c of this.host.clients()) {
      if (c.user !== u.name || c.pubsub === null) continue;
      const p = c.pubsub;
      let bad = false;
      for (const ch of p.channels) if (!this.channelAllowed(u, ch, false)) bad = true;
      for (const ch of p.shard) if (!this.channelAllowed(u, ch, false)) bad = true;
      for (const pat of p.patterns) if (!this.channelAllowed(u, pat, true)) bad = true;
      if (bad) this.closeClient(c);
    }
  }

  /** Closes a client; the one running the current command is closed after its reply. */
  private closeClient(c: Client): void {
    if (this.current === c) c.closeAfterReply = true;
    else c.close();
  }

  private channelAllowed(u: User, ch: string, isPattern: boolean): boolean {
    return u.selectors.some((s) => s.allChannels || checkChannel(s.channels, ch, isPattern));
  }

  /** ACL DELUSER: removes users and disconnects their clients. Returns how many were removed. */
  deleteUsers(names: string[]): number {
    let n = 0;
    for (const name of names) {
      if (!this.users.delete(name)) continue;
      n++;
      this.killClientsOf(name);
    }
    return n;
  }

  /** Disconnects every client authenticated as `name` (Redis's ACLFreeUserAndKillClients). */
  killClientsOf(name: string): void {
    for (const c of this.host.clients()) {
      if (c.user !== name) continue;
      c.user = 'default';
      c.authenticated = false;
      this.closeClient(c);
    }
  }

  // ---- authentication ----

  /** Checks a username/password pair; returns the user or null (never says why). */
  checkPassword(name: string, pass: string): User | null {
    const u = this.users.get(name);
    if (u === undefined || !u.enabled) return null;
    if (u.nopass) return u;
    const h = Buffer.from(sha256hex(pass), 'latin1');
    for (const p of u.passwords) if (timingSafeEqual(h, Buffer.from(p, 'latin1'))) return u;
    return null;
  }

  // ---- the check ----

  /**
   * Redis's ACLCheckAllUserCommandPerm: whether `user` may run `e` with `argv`. Returns the
   * most relevant denial over all selectors and the argv index it concerns.
   */
  check(u: User, e: TableEntry, argv: string[]): { denied: Denied; pos: number } {
    let worst = Denied.Cmd;
    let worstPos = 0;
    for (const s of u.selectors) {
      const r = this.checkSelector(s, e, argv);
      if (r.denied === Denied.None) return r;
      if (r.denied > worst || (r.denied === worst && r.pos > worstPos)) {
        worst = r.denied;
        worstPos = r.pos;
      }
    }
    return { denied: worst, pos: worstPos };
  }

  private checkSelector(s: Selector, e: TableEntry, argv: string[]): { denied: Denied; pos: number } {
    const spec = e.spec;
    if (!s.allowedAll && !spec.flags.includes('no_auth') && !s.allowed.has(e)) {
      const firsts = s.firstArgs.get(e);
      const idx = e.parent ? 2 : 1;
      if (firsts === undefined || argv.length <= idx || !firsts.includes(argv[idx].toLowerCase())) return { denied: Denied.Cmd, pos: 0 };
    }
    if (!s.allKeys && (spec.firstKey !== 0 || spec.getKeys)) {
      const kf = keySpecFlags(spec);
      if (!kf.includes('not_key')) {
        let need = 0;
        for (const f of kf) {
          if (READ_KEY_FLAGS.has(f)) need |= KEY_READ;
          if (WRITE_KEY_FLAGS.has(f)) need |= KEY_WRITE;
        }
        for (const i of CommandTable.keyIndexes(spec, argv)) {
          if (!keyAllowed(s.keys, argv[i], need)) return { denied: Denied.Key, pos: i };
        }
      }
    }
    if (!s.allChannels) {
      const ch = channelArgs(e, argv);
      if (ch !== null) {
        for (const i of ch.positions) {
          if (!checkChannel(s.channels, argv[i], ch.pattern)) return { denied: Denied.Channel, pos: i };
        }
      }
    }
    return { denied: Denied.None, pos: 0 };
  }

  /**
   * The check the server runs before a command (after the auth check). Returns the NOPERM
   * error text or null; denials are counted and logged.
   */
  checkCommand(c: Client, e: TableEntry, argv: string[]): string | null {
    const u = this.users.get(c.user);
    if (u === undefined) return null;
    const root = u.selectors[0];
    if (u.selectors.length === 1 && root.allowedAll && root.allKeys && root.allChannels) return null;
    const r = this.check(u, e, argv);
    if (r.denied === Denied.None) return null;
    const context = c.multi !== null ? 'multi' : 'toplevel';
    this.addLog(c, r.denied, context, r.denied === Denied.Cmd ? e.fullName : argv[r.pos], u.name, e.fullName);
    return noPermMessage(r.denied, e.fullName);
  }

  // ---- log ----

  /** Redis's addACLLogEntry: similar entries within 60 s are merged (count++). */
  addLog(c: Client, denied: Denied, context: AclLogEntry['context'], object: string, username: string, cmdName: string): void {
    const reason = denied === Denied.Auth ? 'auth' : denied === Denied.Cmd ? 'command' : denied === Denied.Key ? 'key' : 'channel';
    if (denied === Denied.Auth) this.denied.auth++;
    else if (denied === Denied.Cmd) this.denied.cmd++;
    else if (denied === Denied.Key) this.denied.key++;
    else this.denied.channel++;
    const now = Date.now();
    const info = clientInfoLine(c, c, cmdName, 0);
    for (let i = 0; i < Math.min(this.log.length, 10); i++) {
      const x = this.log[i];
      if (x.reason === reason && x.context === context && x.object === object && x.username === username && now - x.created < 60000) {
        x.count++;
        x.clientInfo = info;
        x.created = now;
        this.log.splice(i, 1);
        this.log.unshift(x);
        return;
      }
    }
    this.log.unshift({ count: 1, reason, context, object, username, created: now, clientInfo: info });
    const max = this.host.logMaxLen();
    if (this.log.length > max) this.log.length = Math.max(0, max);
  }

  // ---- describing ----

  /** The selector's key, channel and command rules (Redis's ACLDescribeSelector). */
  describeSelector(s: Selector): string {
    const parts: string[] = [];
    if (s.allKeys) parts.push('~*');
    else for (const k of s.keys) parts.push(patternString(k));
    if (s.allChannels) parts.push('&*');
    else {
      parts.push('resetchannels');
      for (const ch of s.channels) parts.push('&' + ch);
    }
    parts.push(this.describeCommands(s));
    return parts.join(' ');
  }

  /** ACL GETUSER's three strings for a selector. */
  describeSelectorParts(s: Selector): { commands: string; keys: string; channels: string } {
    return {
      commands: this.describeCommands(s),
      keys: s.allKeys ? '~*' : s.keys.map(patternString).join(' '),
      channels: s.allChannels ? '&*' : s.channels.map((ch) => '&' + ch).join(' '),
    };
  }

  /**
   * The command rules as ACL GETUSER / LIST show them: "+@all" or "-@all", then the rules kept
   * by {@link applySelectorRule}. Redis 7.0 recomputes a compact form from its command bitmap
   * (whose order of single commands depends on its hash table); we keep the rules as given,
   * minus redundant ones, which agrees with Redis on the usual rule sets.
   */
  describeCommands(s: Selector): string {
    return [s.future ? '+@all' : '-@all', ...s.rules].join(' ');
  }

  /** One ACL LIST / ACL file line without the "user <name> " prefix (ACLDescribeUser). */
  describeUser(u: User): string {
    const parts: string[] = [u.enabled ? 'on' : 'off'];
    if (u.nopass) parts.push('nopass');
    if (u.sanitize) parts.push(u.sanitize);
    for (const p of u.passwords) parts.push('#' + p);
    let out = parts.join(' ') + ' ' + this.describeSelector(u.root);
    for (const s of u.selectors.slice(1)) out += ` (${this.describeSelector(s)})`;
    return out;
  }

  /** ACL LIST lines, sorted by user name as Redis's rax. */
  listLines(): string[] {
    return [...this.users.keys()].sort(byteOrder).map((n) => `user ${n} ${this.describeUser(this.users.get(n)!)}`);
  }

  // ---- files ----

  /**
   * Parses ACL lines (an ACL file, or `user` directives) into a fresh user set. Returns the
   * users, or Redis's error text (the previous users stay in force).
   * `lines`: [source line number, words] pairs; words[0] must be "user".
   */
  buildUsers(lines: Array<{ where: string; words: string[] | null }>, fromFile: boolean): Map<string, User> | string {
    const users = new Map<string, User>();
    const errors: string[] = [];
    const seen = new Set<string>();
    let lineNo = 0;
    for (const { where, words } of lines) {
      lineNo++;
      if (words === null) {
        errors.push(`${where}: unbalanced quotes in acl line. `);
        continue;
      }
      if (words.length === 0) continue;
      if (words[0] !== 'user' || words.length < 2) {
        errors.push(`${where} should start with user keyword followed by the username. `);
        continue;
      }
      const name = words[1];
      if (seen.has(name)) {
        errors.push(`WARNING: Duplicate user '${name}' found on line ${fromFile ? lineNo : where}. `);
        continue;
      }
      seen.add(name);
      const merged = Acl.mergeSelectorArgs(words.slice(2));
      if (typeof merged === 'string') {
        errors.push(`${where}: Unmatched parenthesis in selector definition.`);
        continue;
      }
      const u = new User(name, this.host.pubsubDefaultAll());
      let bad = false;
      for (const op of merged) {
        try {
          this.applyUserRule(u, op);
        } catch (e) {
          if (!(e instanceof AclRuleError)) throw e;
          errors.push(`${where}: Error in applying operation '${op}': ${e.message}. `);
          bad = true;
          break;
        }
      }
      if (bad) continue;
      this.refresh(u);
      users.set(name, u);
    }
    if (errors.length > 0) return errors.join('') + 'WARNING: ACL errors detected, no change to the previously active ACL rules was performed';
    return users;
  }

  /**
   * Installs a user set from an ACL file or config lines. The default user keeps its object
   * (and its connections) and takes the new rules; every other old user's clients are closed,
   * as Redis's ACLLoadFromFile does. Without a "default" line the default user is reset to
   * its start-up state.
   */
  install(users: Map<string, User>): void {
    const old = this.users;
    const d = old.get('default')!;
    const nd = users.get('default') ?? this.makeDefault();
    Object.assign(d, { enabled: nd.enabled, nopass: nd.nopass, sanitize: nd.sanitize, passwords: nd.passwords, selectors: nd.selectors });
    this.refresh(d);
    users.set('default', d);
    const killed = [...old.keys()].filter((n) => n !== 'default');
    this.users.clear();
    for (const [n, u] of users) this.users.set(n, u);
    for (const n of killed) this.killClientsOf(n);
  }

  /** Reads an ACL file: its lines as [where, words]. Throws on I/O errors. */
  static readFileLines(path: string): Array<{ where: string; words: string[] | null }> {
    const text = readFileSync(path, 'latin1');
    const out: Array<{ where: string; words: string[] | null }> = [];
    text.split('\n').forEach((raw, i) => {
      const line = raw.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
      if (line === '') return;
      out.push({ where: `${path}:${i + 1}`, words: splitArgs(line) });
    });
    return out;
  }

  /** ACL SAVE: writes every user, sorted, through a temp file and a rename. */
  saveFile(path: string): void {
    const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
    writeFileSync(tmp, this.listLines().map((l) => l + '\n').join(''), 'latin1');
    renameSync(tmp, path);
  }
}

/** Redis's sdsCatPatternString: ~p, %R~p, %W~p. */
function patternString(k: KeyPattern): string {
  if (k.flags === (KEY_READ | KEY_WRITE)) return '~' + k.pattern;
  return (k.flags === KEY_READ ? '%R~' : '%W~') + k.pattern;
}

function keyAllowed(patterns: KeyPattern[], key: string, need: number): boolean {
  for (const p of patterns) {
    if ((p.flags & need) !== need) continue;
    if (globMatch(p.pattern, key)) return true;
  }
  return false;
}

/** Channels are matched against the user's patterns; a subscribed pattern must be listed literally. */
function checkChannel(list: string[], ch: string, isPattern: boolean): boolean {
  for (const p of list) if (isPattern ? p === ch : globMatch(p, ch)) return true;
  return false;
}

/** The channel arguments a command publishes or subscribes to (Redis's getChannelsFromCommand). */
function channelArgs(e: TableEntry, argv: string[]): { positions: number[]; pattern: boolean } | null {
  if (e.parent !== null) return null;
  switch (e.spec.name) {
    case 'publish':
    case 'spublish':
      return { positions: [1], pattern: false };
    case 'subscribe':
    case 'ssubscribe':
      return { positions: argv.map((_, i) => i).slice(1), pattern: false };
    case 'psubscribe':
      return { positions: argv.map((_, i) => i).slice(1), pattern: true };
    default:
      return null;
  }
}

export function noPermMessage(d: Denied, fullName: string): string {
  if (d === Denied.Key) return NOPERM_KEY;
  if (d === Denied.Channel) return NOPERM_CHANNEL;
  return `NOPERM this user has no permissions to run the '${fullName}' command`;
}

/** ACL DRYRUN's texts (7.0): "This user has no permissions to ...". */
export function dryRunMessage(d: Denied, e: TableEntry, argv: string[], pos: number): string {
  if (d === Denied.Key) return `This user has no permissions to access the '${argv[pos]}' key`;
  if (d === Denied.Channel) return `This user has no permissions to access the '${argv[pos]}' channel`;
  return `This user has no permissions to run the '${e.fullName}' command`;
}

/** Byte order of latin1 strings (rax order). */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** ACL GENPASS: `bits` random bits as hex (rounded up to whole hex digits). */
export function genPass(bits: number): string {
  const chars = Math.ceil(bits / 4);
  return randomBytes(Math.ceil(chars / 2)).toString('hex').slice(0, chars);
}

/**
 * Redis's sdssplitargs: words separated by spaces, "double quotes" with \n \r \t \b \a \xHH
 * escapes, 'single quotes' with \'. Returns null on unbalanced quotes.
 */
export function splitArgs(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  while (true) {
    while (i < n && /[ \n\r\t\f\v]/.test(line[i])) i++;
    if (i >= n) return out;
    let cur = '';
    let inq = false;
    let insq = false;
    let done = false;
    while (!done) {
      if (inq) {
        if (i >= n) return null;
        if (line[i] === '\\' && line[i + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(line.slice(i + 2, i + 4))) {
          cur += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
          i += 3;
        } else if (line[i] === '\\' && i + 1 < n) {
          i++;
          const m: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', a: '\x07' };
          cur += m[line[i]] ?? line[i];
        } else if (line[i] === '"') {
          if (i + 1 < n && !/[ \n\r\t\f\v]/.test(line[i + 1])) return null;
          done = true;
        } else cur += line[i];
      } else if (insq) {
        if (i >= n) return null;
        if (line[i] === '\\' && line[i + 1] === "'") {
          i++;
          cur += "'";
        } else if (line[i] === "'") {
          if (i + 1 < n && !/[ \n\r\t\f\v]/.test(line[i + 1])) return null;
          done = true;
        } else cur += line[i];
      } else if (i >= n || /[ \n\r\t\f\v]/.test(line[i])) {
        done = true;
      } else if (line[i] === '"') inq = true;
      else if (line[i] === "'") insq = true;
      else cur += line[i];
      if (i < n) i++;
    }
    out.push(cur);
  }
}

/**
 * Protected mode (Redis 7.0's acceptCommonHandler): refuse a connection when protected-mode
 * is on, the default user has no password (nopass), and the peer is not on the loopback
 * interface. Redis 7.0 no longer looks at `bind` for this.
 */
export function protectedModeDenies(protectedMode: boolean, defaultNopass: boolean, remoteAddress: string | undefined): boolean {
  if (!protectedMode || !defaultNopass) return false;
  return !isLoopback(remoteAddress);
}

export function isLoopback(addr: string | undefined): boolean {
  if (addr === undefined) return true; // unix sockets have no address: local
  let a = addr;
  if (a.startsWith('::ffff:')) a = a.slice(7);
  return a === '::1' || a.startsWith('127.');
}

export const PROTECTED_MODE_DENIED =
  "-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. In this mode connections are only accepted from the loopback interface. If you want to connect from external computers to Redis you may adopt one of the following solutions: 1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from the same host the server is running, however MAKE SURE Redis is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this change permanent. 2) Alternatively you can just disable the protected mode by editing the Redis configuration file, and setting the protected mode option to 'no', and then restarting the server. 3) If you started the server manually just for testing, restart it with the '--protected-mode no' option. 4) Setup a an authentication password for the default user. NOTE: You only need to do one of the above things in order for the server to start accepting connections from the outside.\r\n";
