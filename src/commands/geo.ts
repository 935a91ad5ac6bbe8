/**
 * Geo family (Redis 7.0's geo.c) on top of sorted sets: a point is a member whose score is its
 * 52-bit geohash (src/store/geohash.ts). GEOADD is ZADD with computed scores; searches scan the
 * score ranges of the cells covering the shape and filter by distance, in Redis's order.
 */
import type { Client } from '../server/client.js';
import { Zset } from '../store/types/zset.js';
import {
  GEO_LAT_MAX, GEO_LAT_MIN, GEO_LONG_MAX, GEO_LONG_MIN,
  decodeScore, distance, encodeScore, searchRanges, standardGeohash, withinShape, type Shape,
} from '../store/geohash.js';
import { ERR, EMPTY_ARRAY, ZERO } from '../protocol/shared.js';
import { parseDouble, zaddGeneric, zsetLimits } from './zset.js';
import { parseLL } from './string.js';
import { cmd, type CommandSpec } from './types.js';
import { lookupOfType } from './lookup.js';

/* ------------------------------------------------------------------------------------------ */
/* Number formatting                                                                           */
/* ------------------------------------------------------------------------------------------ */

/**
 * printf("%.<digits>f") of a double: exact decimal expansion rounded half to even, as glibc.
 */
export function formatFixed(d: number, digits: number): string {
  if (!Number.isFinite(d)) return Number.isNaN(d) ? (Object.is(d, NaN) ? 'nan' : '-nan') : d > 0 ? 'inf' : '-inf';
  const neg = d < 0 || Object.is(d, -0);
  const a = Math.abs(d);
  // a = mant * 2^exp exactly.
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, a);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (bexp === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = bexp - 1075;
  }
  const scale = 10n ** BigInt(digits);
  let q: bigint;
  if (exp >= 0) {
    q = (mant << BigInt(exp)) * scale;
  } else {
    const num = mant * scale;
    const den = 1n << BigInt(-exp);
    q = num / den;
    const r = num % den;
    const twice = r * 2n;
    if (twice > den || (twice === den && (q & 1n) === 1n)) q += 1n;
  }
  let s = q.toString();
  if (digits > 0) {
    s = s.padStart(digits + 1, '0');
    s = s.slice(0, s.length - digits) + '.' + s.slice(s.length - digits);
  }
  return (neg ? '-' : '') + s;
}

/** ld2string(LD_STR_HUMAN): "%.17Lf" without trailing zeros; "-0" becomes "0". */
function humanDouble(d: number): string {
  let s = formatFixed(d, 17);
  if (s.indexOf('.') >= 0) {
    s = s.replace(/0+$/, '');
    if (s.endsWith('.')) s = s.slice(0, -1);
  }
  if (s === '-0') s = '0';
  return s;
}

/** addReplyHumanLongDouble: a bulk string in RESP2, a double in RESP3. */
function replyHumanDouble(c: Client, d: number): void {
  const s = humanDouble(d);
  if (c.reply.proto === 3) c.reply.rawString(',' + s + '\r\n');
  else c.reply.bulk(s);
}

/** addReplyDoubleDistance: "%.4f" as a bulk string in both protocols. */
function replyDistance(c: Client, d: number): void {
  c.reply.bulk(formatFixed(d, 4));
}

/* ------------------------------------------------------------------------------------------ */
/* Argument helpers                                                                            */
/* ------------------------------------------------------------------------------------------ */

/** extractLongLatOrReply */
function lonLatArg(c: Client, lonArg: string, latArg: string): [number, number] | null {
  const lon = parseDouble(lonArg);
  if (lon === null) {
    c.reply.error(ERR.notFloat);
    return null;
  }
  const lat = parseDouble(latArg);
  if (lat === null) {
    c.reply.error(ERR.notFloat);
    return null;
  }
  if (lon < GEO_LONG_MIN || lon > GEO_LONG_MAX || lat < GEO_LAT_MIN || lat > GEO_LAT_MAX) {
    c.reply.error(`ERR invalid longitude,latitude pair ${formatFixed(lon, 6)},${formatFixed(lat, 6)}`);
    return null;
  }
  return [lon, lat];
}

/** extractUnitOrReply: metres per unit, or null after the error. */
function unitArg(c: Client, u: string): number | null {
  switch (u.toLowerCase()) {
    case 'm':
      return 1;
    case 'km':
      return 1000;
    case 'ft':
      return 0.3048;
    case 'mi':
      return 1609.34;
  }
  c.reply.error('ERR unsupported unit provided. please use M, KM, FT, MI');
  return null;
}

/** extractDistanceOrReply: [radius, conversion]. */
function distanceArg(c: Client, r: string, unit: string): [number, number] | null {
  const radius = parseDouble(r);
  if (radius === null) {
    c.reply.error('ERR need numeric radius');
    return null;
  }
  if (radius < 0) {
    c.reply.error('ERR radius cannot be negative');
    return null;
  }
  const conv = unitArg(c, unit);
  return conv === null ? null : [radius, conv];
}

/** extractBoxOrReply: [width, height, conversion]. */
function boxArg(c: Client, w: string, h: string, unit: string): [number, number, number] | null {
  const width = parseDouble(w);
  if (width === null) {
    c.reply.error('ERR need numeric width');
    return null;
  }
  const height = parseDouble(h);
  if (height === null) {
    c.reply.error('ERR need numeric height');
    return null;
  }
  if (height < 0 || width < 0) {
    c.reply.error('ERR height or width cannot be negative');
    return null;
  }
  const conv = unitArg(c, unit);
  return conv === null ? null : [width, height, conv];
}

/** The zset at key for reading: undefined when missing, null after WRONGTYPE. */
function readGeo(c: Client, key: string): Zset | undefined | null {
  return lookupOfType<Zset>(c, key, 'zset');
}

/* ------------------------------------------------------------------------------------------ */
/* GEOADD GEOPOS GEODIST GEOHASH                                                               */
/* ------------------------------------------------------------------------------------------ */

/* GEOADD key [NX|XX] [CH] longitude latitude member [longitude latitude member ...] */
function geoadd(c: Client, argv: string[]): void {
  let longIdx = 2;
  let nx = false;
  let xx = false;
  for (; longIdx < argv.length; longIdx++) {
    const o = argv[longIdx].toLowerCase();
    if (o === 'nx') nx = true;
    else if (o === 'xx') xx = true;
    else if (o !== 'ch') break;
  }
  if ((argv.length - longIdx) % 3 !== 0 || (xx && nx)) return c.reply.error(ERR.syntax);
  const elements = (argv.length - longIdx) / 3;
  const zargv = ['zadd', ...argv.slice(1, longIdx)];
  for (let i = 0; i < elements; i++) {
    const p = longIdx + i * 3;
    const xy = lonLatArg(c, argv[p], argv[p + 1]);
    if (xy === null) return;
    zargv.push(String(encodeScore(xy[0], xy[1])), argv[p + 2]);
  }
  zaddGeneric(c, zargv, false, 'zadd');
}

/* GEOPOS key [member [member ...]] */
function geopos(c: Client, argv: string[]): void {
  const z = readGeo(c, argv[1]);
  if (z === null) return;
  c.reply.array(argv.length - 2);
  for (let j = 2; j < argv.length; j++) {
    const s = z?.score(argv[j]);
    if (s === undefined) {
      c.reply.nullArray();
      continue;
    }
    const [lon, lat] = decodeScore(s);
    c.reply.array(2);
    replyHumanDouble(c, lon);
    replyHumanDouble(c, lat);
  }
}

/* GEODIST key member1 member2 [M|KM|FT|MI] */
function geodist(c: Client, argv: string[]): void {
  let toMeter = 1;
  if (argv.length === 5) {
    const u = unitArg(c, argv[4]);
    if (u === null) return;
    toMeter = u;
  } else if (argv.length > 5) {
    return c.reply.error(ERR.syntax);
  }
  const z = readGeo(c, argv[1]);
  if (z === null) return;
  if (z === undefined) return c.reply.null();
  const s1 = z.score(argv[2]);
  const s2 = z.score(argv[3]);
  if (s1 === undefined || s2 === undefined) return c.reply.null();
  const a = decodeScore(s1);
  const b = decodeScore(s2);
  replyDistance(c, distance(a[0], a[1], b[0], b[1]) / toMeter);
}

/* GEOHASH key [member [member ...]] */
function geohash(c: Client, argv: string[]): void {
  const z = readGeo(c, argv[1]);
  if (z === null) return;
  c.reply.array(argv.length - 2);
  for (let j = 2; j < argv.length; j++) {
    const s = z?.score(argv[j]);
    if (s === undefined) c.reply.null();
    else c.reply.bulk(standardGeohash(s));
  }
}

/* ------------------------------------------------------------------------------------------ */
/* GEORADIUS GEORADIUSBYMEMBER GEOSEARCH GEOSEARCHSTORE                                        */
/* ------------------------------------------------------------------------------------------ */

const RADIUS_COORDS = 1;
const RADIUS_MEMBER = 2;
const RADIUS_NOSTORE = 4;
const GEOSEARCH = 8;
const GEOSEARCHSTORE = 16;

interface GeoPoint {
  lon: number;
  lat: number;
  dist: number;
  score: number;
  member: string;
}

/**
 * Points of `z` within the shape, scanning each covering cell's score range [min, max) in
 * order and stopping once `limit` points are found (ANY); Redis's membersOfAllNeighbors.
 */
function pointsInShape(z: Zset, shape: Shape, limit: number): GeoPoint[] {
  const out: GeoPoint[] = [];
  for (const [min, max] of searchRanges(shape)) {
    if (out.length && limit && out.length >= limit) break;
    let i = z.firstWhere((s) => s >= min);
    const n = z.size;
    if (i >= n || !(z.scoreAt(i) < max)) continue;
    z.walk(i, n - 1, false, (member, score) => {
      if (!(score < max)) return false;
      const [lon, lat] = decodeScore(score);
      const d = withinShape(shape, lon, lat);
      if (d !== null) out.push({ lon, lat, dist: d, score, member });
      if (out.length && limit && out.length >= limit) return false;
      i++;
    });
  }
  return out;
}

/** Redis's georadiusGeneric. */
function georadiusGeneric(c: Client, argv: string[], srcIdx: number, flags: number): void {
  const z = readGeo(c, argv[srcIdx]);
  if (z === null) return;
  let storeKey: string | null = null;
  let storeDist = false;
  let baseArgs: number;
  let xy: [number, number] = [0, 0];
  let conversion = 1;
  let radius = 0;
  let width = 0;
  let height = 0;
  let type: 'circle' | 'box' = 'circle';

  if (flags & RADIUS_COORDS) {
    baseArgs = 6;
    const p = lonLatArg(c, argv[2], argv[3]);
    if (p === null) return;
    xy = p;
    const d = distanceArg(c, argv[4], argv[5]);
    if (d === null) return;
    [radius, conversion] = d;
  } else if (flags & RADIUS_MEMBER && z === undefined) {
    baseArgs = 5;
  } else if (flags & RADIUS_MEMBER) {
    baseArgs = 5;
    const s = z!.score(argv[2]);
    if (s === undefined) return c.reply.error('ERR could not decode requested zset member');
    xy = decodeScore(s);
    const d = distanceArg(c, argv[3], argv[4]);
    if (d === null) return;
    [radius, conversion] = d;
  } else {
    baseArgs = 2;
    if (flags & GEOSEARCHSTORE) {
      baseArgs = 3;
      storeKey = argv[1];
    }
  }

  let withDist = false;
  let withHash = false;
  let withCoords = false;
  let fromMember = false;
  let fromLoc = false;
  let byRadius = false;
  let byBox = false;
  let sort: 'none' | 'asc' | 'desc' = 'none';
  let any = false;
  let count = 0;
  const remaining = argv.length - baseArgs;
  for (let i = 0; i < remaining; i++) {
    const at = baseArgs + i;
    const arg = argv[at].toLowerCase();
    if (arg === 'withdist') withDist = true;
    else if (arg === 'withhash') withHash = true;
    else if (arg === 'withcoord') withCoords = true;
    else if (arg === 'any') any = true;
    else if (arg === 'asc') sort = 'asc';
    else if (arg === 'desc') sort = 'desc';
    else if (arg === 'count' && i + 1 < remaining) {
      const n = parseLL(argv[at + 1]);
      if (n === null) return c.reply.error(ERR.notInteger);
      if (n <= 0) return c.reply.error('ERR COUNT must be > 0');
      count = Number(n);
      i++;
    } else if ((arg === 'store' || arg === 'storedist') && i + 1 < remaining && !(flags & RADIUS_NOSTORE) && !(flags & GEOSEARCH)) {
      storeKey = argv[at + 1];
      storeDist = arg === 'storedist';
      i++;
    } else if (arg === 'storedist' && flags & GEOSEARCH && flags & GEOSEARCHSTORE) {
      storeDist = true;
    } else if (arg === 'frommember' && i + 1 < remaining && flags & GEOSEARCH && !fromLoc) {
      if (z !== undefined) {
        const s = z.score(argv[at + 1]);
        if (s === undefined) return c.reply.error('ERR could not decode requested zset member');
        xy = decodeScore(s);
      }
      fromMember = true;
      i++;
    } else if (arg === 'fromlonlat' && i + 2 < remaining && flags & GEOSEARCH && !fromMember) {
      const p = lonLatArg(c, argv[at + 1], argv[at + 2]);
      if (p === null) return;
      xy = p;
      fromLoc = true;
      i += 2;
    } else if (arg === 'byradius' && i + 2 < remaining && flags & GEOSEARCH && !byBox) {
      const d = distanceArg(c, argv[at + 1], argv[at + 2]);
      if (d === null) return;
      [radius, conversion] = d;
      type = 'circle';
      byRadius = true;
      i += 2;
    } else if (arg === 'bybox' && i + 3 < remaining && flags & GEOSEARCH && !byRadius) {
      const b = boxArg(c, argv[at + 1], argv[at + 2], argv[at + 3]);
      if (b === null) return;
      [width, height, conversion] = b;
      type = 'box';
      byBox = true;
      i += 3;
    } else {
      return c.reply.error(ERR.syntax);
    }
  }

  if (storeKey !== null && (withDist || withHash || withCoords)) {
    const what = flags & GEOSEARCHSTORE ? 'GEOSEARCHSTORE' : 'STORE option in GEORADIUS';
    return c.reply.error(`ERR ${what} is not compatible with WITHDIST, WITHHASH and WITHCOORD options`);
  }
  if (flags & GEOSEARCH && !(fromMember || fromLoc)) {
    return c.reply.error(`ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for ${argv[0]}`);
  }
  if (flags & GEOSEARCH && !(byRadius || byBox)) {
    return c.reply.error(`ERR exactly one of BYRADIUS and BYBOX can be specified for ${argv[0]}`);
  }
  if (any && !count) return c.reply.error('ERR the ANY argument requires COUNT argument');

  const db = c.db;
  if (z === undefined) {
    if (storeKey !== null) {
      if (db.delete(storeKey)) {
        c.server.events.modified(db, storeKey);
        c.server.events.notify('g', 'del', storeKey, db.id);
        c.server.dirty++;
      }
      return c.reply.raw(ZERO);
    }
    return c.reply.raw(EMPTY_ARRAY);
  }
  if (count !== 0 && sort === 'none' && !any) sort = 'asc';

  const shape: Shape =
    type === 'circle' ? { type, xy, conversion, radius } : { type, xy, conversion, width, height };
  const points = pointsInShape(z, shape, any ? count : 0);
  if (points.length === 0 && storeKey === null) return c.reply.raw(EMPTY_ARRAY);
  const returned = count === 0 || points.length < count ? points.length : count;
  // A stable sort by distance (glibc's qsort is a merge sort).
  if (sort === 'asc') points.sort((a, b) => (a.dist < b.dist ? -1 : a.dist > b.dist ? 1 : 0));
  else if (sort === 'desc') points.sort((a, b) => (a.dist > b.dist ? -1 : a.dist < b.dist ? 1 : 0));

  if (storeKey === null) {
    const opts = (withDist ? 1 : 0) + (withCoords ? 1 : 0) + (withHash ? 1 : 0);
    c.reply.array(returned);
    for (let i = 0; i < returned; i++) {
      const p = points[i];
      if (opts) c.reply.array(opts + 1);
      c.reply.bulk(p.member);
      if (withDist) replyDistance(c, p.dist / conversion);
      if (withHash) c.reply.integer(p.score);
      if (withCoords) {
        c.reply.array(2);
        replyHumanDouble(c, p.lon);
        replyHumanDouble(c, p.lat);
      }
    }
    return;
  }
  if (returned > 0) {
    const entries: Array<[string, number]> = [];
    for (let i = 0; i < returned; i++) {
      const p = points[i];
      entries.push([p.member, storeDist ? p.dist / conversion : p.score]);
    }
    db.set(storeKey, Zset.fromEntries(entries, zsetLimits(c)));
    c.server.events.modified(db, storeKey);
    c.server.events.notify('z', flags & GEOSEARCH ? 'geosearchstore' : 'georadiusstore', storeKey, db.id);
    c.server.events.ready(db, storeKey);
    c.server.dirty += returned;
  } else if (db.delete(storeKey)) {
    c.server.events.modified(db, storeKey);
    c.server.events.notify('g', 'del', storeKey, db.id);
    c.server.dirty++;
  }
  c.reply.integer(returned);
}

/* GEORADIUS key longitude latitude radius M|KM|FT|MI [WITHCOORD] [WITHDIST] [WITHHASH]
 *   [COUNT count [ANY]] [ASC|DESC] [STORE key] [STOREDIST key] */
function georadius(c: Client, argv: string[]): void {
  georadiusGeneric(c, argv, 1, RADIUS_COORDS);
}
/* GEORADIUS_RO key longitude latitude radius M|KM|FT|MI [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC|DESC] */
function georadiusRo(c: Client, argv: string[]): void {
  georadiusGeneric(c, argv, 1, RADIUS_COORDS | RADIUS_NOSTORE);
}
/* GEORADIUSBYMEMBER key member radius M|KM|FT|MI [WITHCOORD] [WITHDIST] [WITHHASH]
 *   [COUNT count [ANY]] [ASC|DESC] [STORE key] [STOREDIST key] */
function georadiusbymember(c: Client, argv: string[]): void {
  georadiusGeneric(c, argv, 1, RADIUS_MEMBER);
}
/* GEORADIUSBYMEMBER_RO key member radius M|KM|FT|MI [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC|DESC] */
function georadiusbymemberRo(c: Client, argv: string[]): void {
  georadiusGeneric(c, argv, 1, RADIUS_MEMBER | RADIUS_NOSTORE);
}
/* GEOSEARCH key FROMMEMBER member|FROMLONLAT longitude latitude BYRADIUS radius M|KM|FT|MI|BYBOX
 *   width height M|KM|FT|MI [ASC|DESC] [COUNT count [ANY]] [WITHCOORD] [WITHDIST] [WITHHASH] */
function geosearch(c: Client, argv: string[]): void {
  georadiusGeneric(c, argv, 1, GEOSEARCH);
}
/* GEOSEARCHSTORE destination source FROMMEMBER member|FROMLONLAT longitude latitude
 *   BYRADIUS radius M|KM|FT|MI|BYBOX width height M|KM|FT|MI [ASC|DESC] [COUNT count [ANY]] [STOREDIST] */
function geosearchstore(c: Client, argv: string[]): void {
  georadiusGeneric(c, argv, 2, GEOSEARCH | GEOSEARCHSTORE);
}

/** GEORADIUS keys: the source, plus STORE/STOREDIST destinations after the fixed arguments. */
function radiusKeys(base: number): (argv: string[]) => number[] {
  return (argv) => {
    const keys = [1];
    for (let i = base; i < argv.length - 1; i++) {
      const a = argv[i].toLowerCase();
      if (a === 'store' || a === 'storedist') {
        keys.push(i + 1);
        i++;
      }
    }
    return keys;
  };
}

const g = { group: 'geo' } as const;
const k1 = { firstKey: 1, lastKey: 1, step: 1 } as const;

export const geoCommands = [
  cmd({ name: 'geoadd', arity: -5, flags: ['write', 'denyoom'], ...k1, ...g, since: '3.2.0', summary: 'Add one or more geospatial items in the geospatial index represented using a sorted set', complexity: 'O(log(N)) for each item added, where N is the number of elements in the sorted set.', keyFlags: ['RW', 'update'], handler: geoadd }),
  cmd({ name: 'geopos', arity: -2, flags: ['readonly'], ...k1, ...g, since: '3.2.0', summary: 'Returns longitude and latitude of members of a geospatial index', complexity: 'O(N) where N is the number of members requested.', handler: geopos }),
  cmd({ name: 'geodist', arity: -4, flags: ['readonly'], ...k1, ...g, since: '3.2.0', summary: 'Returns the distance between two members of a geospatial index', complexity: 'O(log(N))', handler: geodist }),
  cmd({ name: 'geohash', arity: -2, flags: ['readonly'], ...k1, ...g, since: '3.2.0', summary: 'Returns members of a geospatial index as standard geohash strings', complexity: 'O(log(N)) for each member requested, where N is the number of elements in the sorted set.', handler: geohash }),
  cmd({ name: 'georadius', arity: -6, flags: ['write', 'denyoom'], ...k1, ...g, keySpecs: [{ flags: ['RO', 'access'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { flags: ['OW', 'update'], begin: { keyword: 'STORE', startfrom: 6 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { flags: ['OW', 'update'], begin: { keyword: 'STOREDIST', startfrom: 6 }, find: { lastkey: 0, keystep: 1, limit: 0 } }], since: '3.2.0', summary: 'Query a sorted set representing a geospatial index to fetch members matching a given maximum distance from a point', complexity: 'O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.', getKeys: radiusKeys(6), handler: georadius }),
  cmd({ name: 'georadius_ro', arity: -6, flags: ['readonly'], ...k1, ...g, since: '3.2.10', summary: 'A read-only variant for GEORADIUS', complexity: 'O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.', handler: georadiusRo }),
  cmd({ name: 'georadiusbymember', arity: -5, flags: ['write', 'denyoom'], ...k1, ...g, keySpecs: [{ flags: ['RO', 'access'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { flags: ['OW', 'update'], begin: { keyword: 'STORE', startfrom: 5 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { flags: ['OW', 'update'], begin: { keyword: 'STOREDIST', startfrom: 5 }, find: { lastkey: 0, keystep: 1, limit: 0 } }], since: '3.2.0', summary: 'Query a sorted set representing a geospatial index to fetch members matching a given maximum distance from a member', complexity: 'O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.', getKeys: radiusKeys(5), handler: georadiusbymember }),
  cmd({ name: 'georadiusbymember_ro', arity: -5, flags: ['readonly'], ...k1, ...g, since: '3.2.10', summary: 'A read-only variant for GEORADIUSBYMEMBER', complexity: 'O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.', handler: georadiusbymemberRo }),
  cmd({ name: 'geosearch', arity: -7, flags: ['readonly'], ...k1, ...g, since: '6.2.0', summary: 'Query a sorted set representing a geospatial index to fetch members inside an area of a box or a circle.', complexity: 'O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape', handler: geosearch }),
  cmd({ name: 'geosearchstore', arity: -8, flags: ['write', 'denyoom'], firstKey: 1, lastKey: 2, step: 1, ...g, keySpecs: [{ flags: ['OW', 'update'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { flags: ['RO', 'access'], begin: { index: 2 }, find: { lastkey: 0, keystep: 1, limit: 0 } }], since: '6.2.0', summary: 'Query a sorted set representing a geospatial index to fetch members inside an area of a box or a circle, and store the result in another key.', complexity: 'O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape', keyFlags: ['OW', 'update'], handler: geosearchstore }),
] satisfies CommandSpec[];
