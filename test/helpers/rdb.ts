/** Shared by the RDB codec tests: the fixtures in test/fixtures/rdb/ and their expected contents. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './server.js';
import { parseRedisDouble } from '../../src/persistence/rdb/reader.js';
import type { RdbRecord, RdbValue, StreamId } from '../../src/persistence/rdb/types.js';

export const FIXTURES = path.join(ROOT, 'test/fixtures/rdb');
export const fixtureNames = readdirSync(FIXTURES).filter((f) => f.endsWith('.rdb')).map((f) => f.slice(0, -4)).sort();

const idStr = (id: StreamId) => `${id.ms}-${id.seq}`;

/** A record in the shape of the fixture JSON (order-free collections sorted as there). */
export function asExpected(r: RdbRecord): { type: string; pexpiretime: number; value: unknown } {
  let value: unknown;
  switch (r.type) {
    case 'string':
    case 'list':
      value = r.value;
      break;
    case 'set':
      value = [...r.value].sort();
      break;
    case 'hash':
      value = [...r.value].sort((a, b) => (a[0] < b[0] ? -1 : 1));
      break;
    case 'zset':
      value = [...r.value].sort((a, b) => (a[1] !== b[1] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1)).map(([m, s]) => [m, s]);
      break;
    case 'stream': {
      const s = r.value;
      value = {
        length: s.length,
        lastId: idStr(s.lastId),
        maxDeletedId: idStr(s.maxDeletedId),
        entriesAdded: Number(s.entriesAdded),
        firstId: idStr(s.firstId),
        entries: s.entries.map((e) => [idStr(e.id), e.fields.flat()]),
        groups: s.groups.map((g) => ({
          name: g.name,
          lastId: idStr(g.lastId),
          entriesRead: g.entriesRead < 0n ? null : Number(g.entriesRead),
          pel: g.pel.map((n) => ({ id: idStr(n.id), consumer: n.consumer, deliveryTime: n.deliveryTime, deliveryCount: n.deliveryCount })),
          consumers: g.consumers.map((c) => ({ name: c.name, seenTime: c.seenTime, pel: c.pel.map(idStr) })),
        })),
      };
    }
  }
  return { type: r.type, pexpiretime: r.expireMs ?? -1, value };
}

/** The fixture JSON entry with zset scores parsed. */
export function expectedOf(e: { type: string; pexpiretime: number; value: unknown }) {
  let value = e.value;
  if (e.type === 'zset') value = (value as Array<[string, string]>).map(([m, s]) => [m, parseRedisDouble(s)]);
  return { type: e.type, pexpiretime: e.pexpiretime, value };
}

type FixtureJson = Record<string, Record<string, { type: string; pexpiretime: number; digest: string; value: unknown }>>;
export const loadJson = (name: string): FixtureJson => JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));

export function toDatabases(records: RdbRecord[]) {
  const dbs = new Map<number, Array<{ key: string; value: RdbValue; expireMs: number | null }>>();
  for (const r of records) {
    if (!dbs.has(r.db)) dbs.set(r.db, []);
    dbs.get(r.db)!.push({ key: r.key, value: r as RdbValue, expireMs: r.expireMs });
  }
  return dbs;
}

