/**
 * The command table's vocabulary. Each family file exports `CommandSpec[]`; the table, COMMAND
 * INFO/DOCS/GETKEYS, ACL categories and (later) the snapshot write barrier all read these specs.
 */
import type { Client } from '../server/client.js';

/** Redis 7.0's command flags as COMMAND INFO prints them. */
export type CommandFlag =
  | 'write'
  | 'readonly'
  | 'denyoom'
  | 'admin'
  | 'pubsub'
  | 'noscript'
  | 'blocking'
  | 'loading'
  | 'stale'
  | 'skip_monitor'
  | 'skip_slowlog'
  | 'fast'
  | 'no_auth'
  | 'may_replicate'
  | 'no_mandatory_keys'
  | 'no_async_loading'
  | 'no_multi'
  | 'movablekeys'
  | 'allow_busy';

/** Redis's command groups (COMMAND DOCS `group`). */
export type CommandGroup =
  | 'generic'
  | 'string'
  | 'list'
  | 'set'
  | 'sorted-set'
  | 'hash'
  | 'pubsub'
  | 'transactions'
  | 'connection'
  | 'server'
  | 'scripting'
  | 'hyperloglog'
  | 'cluster'
  | 'sentinel'
  | 'geo'
  | 'stream'
  | 'bitmap';

/**
 * A handler parses its arguments, does the work through the store, and writes exactly one
 * reply with `c.reply` (or blocks the client, for blocking commands). argv[0] is the command
 * name as the client sent it; all arguments are latin1 strings.
 */
export type Handler = (c: Client, argv: string[]) => void;

/**
 * One Redis 7.0 key spec as COMMAND INFO prints it (src/commands/*.json `key_specs`): where the
 * search for keys begins (an argument index, or the argument after a keyword searched from
 * `startfrom`; negative = from the end) and how keys are found from there (a range: `lastkey`
 * relative to the begin, negative = from the end; or a key count at `keynumidx` followed by keys).
 */
export interface KeySpec {
  readonly notes?: string;
  /** "RO" | "RW" | "OW" | "RM", then "access" "update" "insert" "delete" "not_key" "incomplete" "variable_flags". */
  readonly flags: readonly string[];
  readonly begin: { readonly index: number } | { readonly keyword: string; readonly startfrom: number } | 'unknown';
  readonly find:
    | { readonly lastkey: number; readonly keystep: number; readonly limit: number }
    | { readonly keynumidx: number; readonly firstkey: number; readonly keystep: number }
    | 'unknown';
}

export interface CommandSpec {
  /** Lower-case name; a subcommand's is its own word ("get" under "config"). */
  readonly name: string;
  /** Redis's convention: n = exactly n words including the name, -n = at least n. */
  readonly arity: number;
  readonly flags: readonly CommandFlag[];
  /** Key positions as in Redis's legacy (first, last, step) triple; 0,0,0 = no keys. */
  readonly firstKey: number;
  readonly lastKey: number;
  readonly step: number;
  readonly group: CommandGroup;
  /** Extra ACL categories beyond those Redis derives from flags and group (e.g. 'dangerous'); '-name' removes a derived one. */
  readonly acl?: readonly string[];
  readonly summary: string;
  readonly since: string;
  readonly complexity?: string;
  /** Redis's command tips as COMMAND INFO lists them ("nondeterministic_output", "request_policy:all_shards"). */
  readonly tips?: readonly string[];
  /** Key-spec flags for COMMAND INFO / GETKEYSANDFLAGS ("RW", "access", "update" ...); derived from flags when absent. */
  readonly keyFlags?: readonly string[];
  /**
   * Redis's key specs, for commands that one spec derived from (first, last, step) + keyFlags
   * does not describe (several keys with different roles, keyword or keynum searches, notes).
   * Only COMMAND INFO reads them; key extraction still uses the legacy triple and getKeys.
   */
  readonly keySpecs?: readonly KeySpec[];
  /** For commands whose keys are not a fixed range (movablekeys): the key indexes in argv. */
  readonly getKeys?: (argv: string[]) => number[];
  readonly subcommands?: readonly CommandSpec[];
  /**
   * Redis's CMD_PROTECTED: the config directive (no|yes|local) that must allow this command.
   * Checked before authentication, as Redis does (DEBUG: enable-debug-command).
   */
  readonly protectedBy?: 'enable-debug-command' | 'enable-module-command';
  /** Absent only on container commands, which dispatch to `subcommands`. */
  readonly handler?: Handler;
}

/** Helper so family files get literal checking with `satisfies` and stay short. */
export function cmd(spec: CommandSpec): CommandSpec {
  return spec;
}
