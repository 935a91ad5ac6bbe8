/**
 * The command table: every family's specs in one lookup by lower-case name. Also serves
 * COMMAND COUNT/LIST/INFO/DOCS and key extraction (COMMAND GETKEYS, later the write barrier).
 */
import type { CommandSpec } from './types.js';
import { connectionCommands } from './connection.js';
import { stringCommands } from './string.js';
import { keyspaceCommands } from './keyspace.js';
import { serverCommands } from './server.js';
import { configCommands } from './config.js';
import { clientCommands } from './client.js';
import { debugCommands } from './debug.js';
import { listCommands } from './list.js';
import { hashCommands } from './hash.js';
import { setCommands } from './set.js';
import { zsetCommands } from './zset.js';
import { geoCommands } from './geo.js';
import { transactionCommands } from './transaction.js';
import { pubsubCommands } from './pubsub.js';
import { hyperloglogCommands } from './hyperloglog.js';
import { bitmapCommands } from './bitmap.js';
import { streamCommands } from './stream.js';
import { sortCommands } from './sort.js';
import { aclCommands } from './acl.js';
import { dumpCommands } from './dump.js';

/** Per-command statistics for INFO commandstats. */
export interface CommandStats {
  calls: number;
  usec: number;
  rejectedCalls: number;
  failedCalls: number;
}

export interface TableEntry {
  spec: CommandSpec;
  /** "get" or "config|get" */
  fullName: string;
  parent: TableEntry | null;
  subcommands: Map<string, TableEntry> | null;
  stats: CommandStats;
}

export const ALL_FAMILIES: readonly (readonly CommandSpec[])[] = [
  connectionCommands,
  stringCommands,
  keyspaceCommands,
  serverCommands,
  configCommands,
  clientCommands,
  debugCommands,
  listCommands,
  hashCommands,
  setCommands,
  zsetCommands,
  geoCommands,
  transactionCommands,
  pubsubCommands,
  hyperloglogCommands,
  bitmapCommands,
  streamCommands,
  sortCommands,
  aclCommands,
  dumpCommands,
];

function entry(spec: CommandSpec, parent: TableEntry | null): TableEntry {
  const e: TableEntry = {
    spec,
    fullName: parent ? `${parent.fullName}|${spec.name}` : spec.name,
    parent,
    subcommands: null,
    stats: { calls: 0, usec: 0, rejectedCalls: 0, failedCalls: 0 },
  };
  if (spec.subcommands) {
    e.subcommands = new Map();
    for (const s of spec.subcommands) e.subcommands.set(s.name, entry(s, e));
  }
  return e;
}

export class CommandTable {
  readonly commands = new Map<string, TableEntry>();
  /** Entries by the exact spelling clients used ("SET", "Get"), filled on first use. */
  private readonly byCase = new Map<string, TableEntry>();

  constructor(families: readonly (readonly CommandSpec[])[] = ALL_FAMILIES) {
    for (const fam of families) {
      for (const spec of fam) {
        if (this.commands.has(spec.name)) throw new Error(`duplicate command ${spec.name}`);
        this.commands.set(spec.name, entry(spec, null));
      }
    }
  }

  /** Lookup by name in any case. */
  get(name: string): TableEntry | undefined {
    const e = this.commands.get(name) ?? this.byCase.get(name);
    if (e !== undefined) return e;
    const found = this.commands.get(name.toLowerCase());
    // Clients send "SET" or "set" every time: remember the spelling, bounded against odd casings.
    if (found !== undefined && this.byCase.size < 4096) this.byCase.set(name, found);
    return found;
  }

  /** Every entry, subcommands included, for COMMAND LIST and INFO commandstats. */
  *all(): IterableIterator<TableEntry> {
    for (const e of this.commands.values()) {
      yield e;
      if (e.subcommands) yield* e.subcommands.values();
    }
  }

  /** argv indexes of the keys a command touches, from its spec. */
  static keyIndexes(spec: CommandSpec, argv: string[]): number[] {
    if (spec.getKeys) return spec.getKeys(argv);
    if (spec.firstKey === 0) return [];
    const last = spec.lastKey < 0 ? argv.length + spec.lastKey : spec.lastKey;
    const out: number[] = [];
    for (let i = spec.firstKey; i <= last && i < argv.length; i += spec.step) out.push(i);
    return out;
  }
}
