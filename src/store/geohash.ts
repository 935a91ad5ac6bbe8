/**
 * Redis's geohash (geohash.c, geohash_helper.c): 52-bit interleaved geohashes used as sorted-set
 * scores, their decoding, the 8 neighbours of a cell, the cells covering a search shape, and the
 * haversine distance. Every floating-point step is done in the same order as Redis so that
 * scores, coordinates and distances match it to the digit.
 *
 * A hash interleaves latitude bits (even positions) and longitude bits (odd positions); the
 * latitude range is Web Mercator's +-85.05112878, not +-90.
 */

export const GEO_STEP_MAX = 26;
export const GEO_LAT_MIN = -85.05112878;
export const GEO_LAT_MAX = 85.05112878;
export const GEO_LONG_MIN = -180;
export const GEO_LONG_MAX = 180;

const D_R = Math.PI / 180.0;
export const EARTH_RADIUS_IN_METERS = 6372797.560856;
const MERCATOR_MAX = 20037726.37;

export interface Range {
  min: number;
  max: number;
}

export const WGS84_LONG: Range = { min: GEO_LONG_MIN, max: GEO_LONG_MAX };
export const WGS84_LAT: Range = { min: GEO_LAT_MIN, max: GEO_LAT_MAX };

/** A hash of `step` bits per coordinate (bits as bigint: up to 64 bits). */
export interface HashBits {
  bits: bigint;
  step: number;
}

export interface Area {
  hash: HashBits;
  longitude: Range;
  latitude: Range;
}

const deg2rad = (a: number): number => a * D_R;
const rad2deg = (a: number): number => a / D_R;

/** Spreads the low 16 bits of v to the even positions of a 32-bit word. */
function spread16(v: number): number {
  v &= 0xffff;
  v = (v | (v << 8)) & 0x00ff00ff;
  v = (v | (v << 4)) & 0x0f0f0f0f;
  v = (v | (v << 2)) & 0x33333333;
  v = (v | (v << 1)) & 0x55555555;
  return v >>> 0;
}

/** Gathers the even bits of a 32-bit word into 16 bits. */
function squash32(v: number): number {
  v &= 0x55555555;
  v = (v | (v >>> 1)) & 0x33333333;
  v = (v | (v >>> 2)) & 0x0f0f0f0f;
  v = (v | (v >>> 4)) & 0x00ff00ff;
  v = (v | (v >>> 8)) & 0x0000ffff;
  return v;
}

/** interleave64(x, y): x bits at even positions, y bits at odd positions (uint32 inputs). */
export function interleave64(x: number, y: number): bigint {
  const lo = (spread16(x) | (spread16(y) << 1)) >>> 0;
  const hi = (spread16(x >>> 16) | (spread16(y >>> 16) << 1)) >>> 0;
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** deinterleave64: [even bits -> low 32 | odd bits -> high 32], returned as [x, y]. */
export function deinterleave64(v: bigint): [number, number] {
  const lo = Number(v & 0xffffffffn);
  const hi = Number((v >> 32n) & 0xffffffffn);
  const x = (squash32(lo) | (squash32(hi) << 16)) >>> 0;
  const y = (squash32(lo >>> 1) | (squash32(hi >>> 1) << 16)) >>> 0;
  return [x, y];
}

/** C's (uint32_t) conversion of a non-negative double below 2^32. */
function toU32(d: number): number {
  return Math.trunc(d) >>> 0;
}

/** geohashEncode: null when the point is outside Redis's limits or the given ranges. */
export function encode(longRange: Range, latRange: Range, longitude: number, latitude: number, step: number): HashBits | null {
  if (step > 32 || step === 0) return null;
  if (longitude > GEO_LONG_MAX || longitude < GEO_LONG_MIN || latitude > GEO_LAT_MAX || latitude < GEO_LAT_MIN) return null;
  if (latitude < latRange.min || latitude > latRange.max || longitude < longRange.min || longitude > longRange.max) return null;
  let latOffset = (latitude - latRange.min) / (latRange.max - latRange.min);
  let longOffset = (longitude - longRange.min) / (longRange.max - longRange.min);
  latOffset *= 2 ** step;
  longOffset *= 2 ** step;
  return { bits: interleave64(toU32(latOffset), toU32(longOffset)), step };
}

/** geohashEncodeWGS84 at full precision, aligned to 52 bits: the sorted-set score. */
export function encodeScore(longitude: number, latitude: number): number | null {
  const h = encode(WGS84_LONG, WGS84_LAT, longitude, latitude, GEO_STEP_MAX);
  return h === null ? null : Number(align52(h));
}

/** geohashAlign52Bits */
export function align52(h: HashBits): bigint {
  return BigInt.asUintN(64, h.bits << BigInt(52 - h.step * 2));
}

/** geohashDecode: the cell a hash stands for. */
export function decode(longRange: Range, latRange: Range, hash: HashBits): Area {
  const [ilato, ilono] = deinterleave64(hash.bits);
  const latScale = latRange.max - latRange.min;
  const longScale = longRange.max - longRange.min;
  const div = 2 ** hash.step;
  return {
    hash,
    latitude: {
      min: latRange.min + ((ilato * 1.0) / div) * latScale,
      max: latRange.min + (((ilato + 1) * 1.0) / div) * latScale,
    },
    longitude: {
      min: longRange.min + ((ilono * 1.0) / div) * longScale,
      max: longRange.min + (((ilono + 1) * 1.0) / div) * longScale,
    },
  };
}

/** geohashDecodeAreaToLongLat: the cell's centre, clamped to the limits. */
export function areaCenter(area: Area): [number, number] {
  let x = (area.longitude.min + area.longitude.max) / 2;
  if (x > GEO_LONG_MAX) x = GEO_LONG_MAX;
  if (x < GEO_LONG_MIN) x = GEO_LONG_MIN;
  let y = (area.latitude.min + area.latitude.max) / 2;
  if (y > GEO_LAT_MAX) y = GEO_LAT_MAX;
  if (y < GEO_LAT_MIN) y = GEO_LAT_MIN;
  return [x, y];
}

/**
 * C's (uint64_t) conversion of a score as gcc emits it on x86-64: below 2^63 a signed
 * conversion (out of range: 0x8000000000000000), above it one of score - 2^63 with the top bit
 * flipped, so 2^64 and beyond give 0.
 */
function scoreBits(score: number): bigint {
  if (Number.isNaN(score)) return 0x8000000000000000n;
  if (score >= 18446744073709551616) return 0n;
  if (score <= -9223372036854775808) return 0x8000000000000000n;
  return BigInt.asUintN(64, BigInt(Math.trunc(score)));
}

/** decodeGeohash: a sorted-set score back to [longitude, latitude]. */
export function decodeScore(score: number): [number, number] {
  return areaCenter(decode(WGS84_LONG, WGS84_LAT, { bits: scoreBits(score), step: GEO_STEP_MAX }));
}

const GEOALPHABET = '0123456789bcdefghjkmnpqrstuvwxyz';

/** GEOHASH's 11-character standard geohash (re-encoded with latitude range +-90). */
export function standardGeohash(score: number): string {
  const [lon, lat] = decodeScore(score);
  const h = encode({ min: -180, max: 180 }, { min: -90, max: 90 }, lon, lat, 26);
  const bits = h === null ? 0n : h.bits;
  let out = '';
  for (let i = 0; i < 11; i++) {
    const idx = i === 10 ? 0 : Number((bits >> BigInt(52 - (i + 1) * 5)) & 0x1fn);
    out += GEOALPHABET[idx];
  }
  return out;
}

/* ---- distances ---- */

/** geohashGetLatDistance */
export function latDistance(lat1d: number, lat2d: number): number {
  return EARTH_RADIUS_IN_METERS * Math.abs(deg2rad(lat2d) - deg2rad(lat1d));
}

/** geohashGetDistance: haversine, with Redis 7.0's shortcut when the longitudes are equal. */
export function distance(lon1d: number, lat1d: number, lon2d: number, lat2d: number): number {
  const lon1r = deg2rad(lon1d);
  const lon2r = deg2rad(lon2d);
  const v = Math.sin((lon2r - lon1r) / 2);
  if (v === 0.0) return latDistance(lat1d, lat2d);
  const lat1r = deg2rad(lat1d);
  const lat2r = deg2rad(lat2d);
  const u = Math.sin((lat2r - lat1r) / 2);
  const a = u * u + Math.cos(lat1r) * Math.cos(lat2r) * v * v;
  return 2.0 * EARTH_RADIUS_IN_METERS * Math.asin(Math.sqrt(a));
}

/* ---- search shapes ---- */

export type Shape =
  | { type: 'circle'; xy: [number, number]; conversion: number; radius: number }
  | { type: 'box'; xy: [number, number]; conversion: number; width: number; height: number };

/**
 * geoWithinShape: whether a point lies in the shape, and its distance from the centre in
 * metres; null when outside.
 */
export function withinShape(shape: Shape, lon: number, lat: number): number | null {
  const [x1, y1] = shape.xy;
  if (shape.type === 'circle') {
    const d = distance(x1, y1, lon, lat);
    return d > shape.radius * shape.conversion ? null : d;
  }
  const widthM = shape.width * shape.conversion;
  const heightM = shape.height * shape.conversion;
  if (latDistance(lat, y1) > heightM / 2) return null;
  if (distance(lon, lat, x1, lat) > widthM / 2) return null;
  return distance(x1, y1, lon, lat);
}

function estimateStepsByRadius(rangeMeters: number, lat: number): number {
  if (rangeMeters === 0) return 26;
  let step = 1;
  while (rangeMeters < MERCATOR_MAX) {
    rangeMeters *= 2;
    step++;
  }
  step -= 2;
  if (lat > 66 || lat < -66) {
    step--;
    if (lat > 80 || lat < -80) step--;
  }
  if (step < 1) step = 1;
  if (step > 26) step = 26;
  return step;
}

/** geohashBoundingBox: [min lon, min lat, max lon, max lat]. */
function boundingBox(shape: Shape): [number, number, number, number] {
  const [longitude, latitude] = shape.xy;
  const height = shape.conversion * (shape.type === 'circle' ? shape.radius : shape.height / 2);
  const width = shape.conversion * (shape.type === 'circle' ? shape.radius : shape.width / 2);
  const latDelta = rad2deg(height / EARTH_RADIUS_IN_METERS);
  const longDeltaTop = rad2deg(width / EARTH_RADIUS_IN_METERS / Math.cos(deg2rad(latitude + latDelta)));
  const longDeltaBottom = rad2deg(width / EARTH_RADIUS_IN_METERS / Math.cos(deg2rad(latitude - latDelta)));
  const south = latitude < 0;
  return [
    south ? longitude - longDeltaBottom : longitude - longDeltaTop,
    latitude - latDelta,
    south ? longitude + longDeltaBottom : longitude + longDeltaTop,
    latitude + latDelta,
  ];
}

const EVEN = 0x5555555555555555n;
const ODD = 0xaaaaaaaaaaaaaaaan;

function moveX(h: HashBits, d: number): HashBits {
  if (d === 0) return h;
  let x = h.bits & ODD;
  const y = h.bits & EVEN;
  const zz = EVEN >> BigInt(64 - h.step * 2);
  if (d > 0) x = x + (zz + 1n);
  else {
    x = x | zz;
    x = x - (zz + 1n);
  }
  x = BigInt.asUintN(64, x) & (ODD >> BigInt(64 - h.step * 2));
  return { bits: x | y, step: h.step };
}

function moveY(h: HashBits, d: number): HashBits {
  if (d === 0) return h;
  const x = h.bits & ODD;
  let y = h.bits & EVEN;
  const zz = ODD >> BigInt(64 - h.step * 2);
  if (d > 0) y = y + (zz + 1n);
  else {
    y = y | zz;
    y = y - (zz + 1n);
  }
  y = BigInt.asUintN(64, y) & (EVEN >> BigInt(64 - h.step * 2));
  return { bits: x | y, step: h.step };
}

interface Neighbors {
  north: HashBits;
  south: HashBits;
  east: HashBits;
  west: HashBits;
  north_east: HashBits;
  north_west: HashBits;
  south_east: HashBits;
  south_west: HashBits;
}

function neighbors(h: HashBits): Neighbors {
  return {
    east: moveX(h, 1),
    west: moveX(h, -1),
    south: moveY(h, -1),
    north: moveY(h, 1),
    north_west: moveY(moveX(h, -1), 1),
    south_west: moveY(moveX(h, -1), -1),
    north_east: moveY(moveX(h, 1), 1),
    south_east: moveY(moveX(h, 1), -1),
  };
}

const ZERO: HashBits = { bits: 0n, step: 0 };

/**
 * geohashCalculateAreasByShapeWGS84 + membersOfAllNeighbors' ordering: the score ranges
 * [min, max) to scan, in Redis's order (centre, N, S, E, W, NE, NW, SE, SW), with useless
 * neighbours dropped and consecutive duplicates skipped. Throws nothing; an encode failure
 * yields whatever Redis's zeroed hash would (an empty cell list is not possible for valid input).
 */
export function searchRanges(shape: Shape): Array<[number, number]> {
  const [minLon, minLat, maxLon, maxLat] = boundingBox(shape);
  const [longitude, latitude] = shape.xy;
  let radiusMeters =
    shape.type === 'circle' ? shape.radius : Math.sqrt((shape.width / 2) * (shape.width / 2) + (shape.height / 2) * (shape.height / 2));
  radiusMeters *= shape.conversion;
  let steps = estimateStepsByRadius(radiusMeters, latitude);
  let hash = encode(WGS84_LONG, WGS84_LAT, longitude, latitude, steps) ?? { bits: 0n, step: steps };
  let nb = neighbors(hash);
  let area = decode(WGS84_LONG, WGS84_LAT, hash);
  let decrease = false;
  {
    const north = decode(WGS84_LONG, WGS84_LAT, nb.north);
    const south = decode(WGS84_LONG, WGS84_LAT, nb.south);
    const east = decode(WGS84_LONG, WGS84_LAT, nb.east);
    const west = decode(WGS84_LONG, WGS84_LAT, nb.west);
    if (north.latitude.max < maxLat) decrease = true;
    if (south.latitude.min > minLat) decrease = true;
    if (east.longitude.max < maxLon) decrease = true;
    if (west.longitude.min > minLon) decrease = true;
  }
  if (steps > 1 && decrease) {
    steps--;
    hash = encode(WGS84_LONG, WGS84_LAT, longitude, latitude, steps) ?? { bits: 0n, step: steps };
    nb = neighbors(hash);
    area = decode(WGS84_LONG, WGS84_LAT, hash);
  }
  if (steps >= 2) {
    if (area.latitude.min < minLat) nb.south = nb.south_west = nb.south_east = ZERO;
    if (area.latitude.max > maxLat) nb.north = nb.north_east = nb.north_west = ZERO;
    if (area.longitude.min < minLon) nb.west = nb.south_west = nb.north_west = ZERO;
    if (area.longitude.max > maxLon) nb.east = nb.south_east = nb.north_east = ZERO;
  }
  const cells = [hash, nb.north, nb.south, nb.east, nb.west, nb.north_east, nb.north_west, nb.south_east, nb.south_west];
  const out: Array<[number, number]> = [];
  let last = 0;
  for (let i = 0; i < cells.length; i++) {
    const h = cells[i];
    if (h.bits === 0n && h.step === 0) continue;
    if (last && h.bits === cells[last].bits && h.step === cells[last].step) continue;
    const min = Number(align52(h));
    const max = Number(align52({ bits: h.bits + 1n, step: h.step }));
    out.push([min, max]);
    last = i;
  }
  return out;
}
