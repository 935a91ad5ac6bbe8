/**
 * Geo family, Petrel against redis-server 7.0: scores (52-bit geohashes), positions, distances
 * and search results must match to the digit, errors included; random points and searches of
 * every shape, near the poles and the antimeridian too.
 */
import { differential, type Rng, type Step } from '../helpers/differential.js';

const unordered = (args: string[]): Step => ({ args, compare: 'unordered' });

function coord(rng: Rng, max: number): string {
  return (rng.next() * 2 * max - max).toFixed(rng.int(0, 7));
}

/** Random points clustered around a centre so searches find something. */
function randomPoints(rng: Rng, key: string, n: number, cx: number, cy: number, spread: number): string[] {
  const args = ['GEOADD', key];
  for (let i = 0; i < n; i++) {
    const lon = Math.max(-180, Math.min(180, cx + (rng.next() * 2 - 1) * spread));
    const lat = Math.max(-85, Math.min(85, cy + (rng.next() * 2 - 1) * spread));
    args.push(lon.toFixed(6), lat.toFixed(6), `p${i}`);
  }
  return args;
}

const CENTRES: Array<[number, number]> = [
  [13.36, 38.11],
  [0, 0],
  [179.9, 10],
  [-179.9, -10],
  [20, 84],
  [-70, -70],
  [-122.4, 37.7],
];

differential('geo', (d) => {
  d.case('geoadd, geopos, geodist, geohash and errors', [
    ['GEOADD', 'Sicily', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania'],
    ['GEOADD', 'Sicily', '200', '100', 'x'],
    ['GEOADD', 'Sicily', '180', '85.05112878', 'corner', '-180', '-85.05112878', 'corner2'],
    ['GEOADD', 'Sicily', '180.000001', '0', 'x'],
    ['GEOADD', 'Sicily', '0', '85.06', 'x'],
    ['GEOADD', 'Sicily', 'inf', '0', 'x'],
    ['GEOADD', 'Sicily', 'abc', '0', 'x'],
    ['GEOADD', 'Sicily', '0', 'abc', 'x'],
    ['GEOADD', 'Sicily', 'NX', 'XX', '1', '1', 'x'],
    ['GEOADD', 'Sicily', '1', '1', 'x', '2'],
    ['GEOADD', 'Sicily', 'NX', 'CH'],
    ['GEOADD', 'Sicily', 'XX', 'CH', '13.361389', '38.115556', 'Palermo', '15', '37', 'Catania', '1', '1', 'new'],
    ['GEOADD', 'Sicily', 'NX', '0', '0', 'Palermo', '1', '1', 'zero'],
    ['GEOADD', 'Sicily', 'CH', '15.087269', '37.502669', 'Catania'],
    ['ZRANGE', 'Sicily', '0', '-1', 'WITHSCORES'],
    ['GEOPOS', 'Sicily', 'Palermo', 'Catania', 'corner', 'corner2', 'zero', 'nothere'],
    ['GEOPOS', 'Sicily'],
    ['GEOPOS', 'nokey', 'a', 'b'],
    ['GEODIST', 'Sicily', 'Palermo', 'Catania'],
    ['GEODIST', 'Sicily', 'Palermo', 'Catania', 'KM'],
    ['GEODIST', 'Sicily', 'Palermo', 'Catania', 'mi'],
    ['GEODIST', 'Sicily', 'Palermo', 'Catania', 'ft'],
    ['GEODIST', 'Sicily', 'Palermo', 'Catania', 'parsec'],
    ['GEODIST', 'Sicily', 'Palermo', 'Catania', 'km', 'x'],
    ['GEODIST', 'Sicily', 'Palermo', 'nothere'],
    ['GEODIST', 'Sicily', 'corner', 'corner2'],
    ['GEODIST', 'Sicily', 'zero', 'zero'],
    ['GEODIST', 'nokey', 'a', 'b'],
    ['GEOHASH', 'Sicily', 'Palermo', 'Catania', 'corner', 'corner2', 'zero', 'nothere'],
    ['GEOHASH', 'nokey', 'a'],
    ['ZADD', 'Sicily', '-5', 'neg', '1e20', 'huge', '0.5', 'frac'],
    ['GEOPOS', 'Sicily', 'neg', 'huge', 'frac'],
    ['GEOHASH', 'Sicily', 'neg', 'huge', 'frac'],
    ['SET', 'str', 'v'],
    ['GEOADD', 'str', '1', '1', 'x'],
    ['GEOPOS', 'str', 'x'],
    ['GEODIST', 'str', 'a', 'b'],
    ['GEOHASH', 'str', 'a'],
    ['GEORADIUS', 'str', '1', '1', '1', 'km'],
    ['GEOSEARCH', 'str', 'FROMLONLAT', '1', '1', 'BYRADIUS', '1', 'km'],
  ]);
  d.case('geopos in resp3', [
    ['GEOADD', 'g', '13.361389', '38.115556', 'Palermo', '-0.0000001', '0', 'origin'],
    ['GEOPOS', 'g', 'Palermo', 'origin', 'none'],
    ['GEODIST', 'g', 'Palermo', 'origin'],
    ['GEORADIUS', 'g', '15', '37', '200', 'km', 'WITHCOORD', 'WITHDIST', 'WITHHASH'],
  ], { resp3: true });
  d.case('search options and errors', [
    ['GEOADD', 'S', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania', '12.758489', '38.788135', 'edge1', '17.241510', '38.788135', 'edge2'],
    ['GEORADIUS', 'S', '15', '37', '200', 'km'],
    ['GEORADIUS', 'S', '15', '37', '200', 'km', 'WITHDIST', 'WITHCOORD', 'WITHHASH', 'ASC'],
    ['GEORADIUS', 'S', '15', '37', '200', 'km', 'DESC', 'COUNT', '1'],
    ['GEORADIUS', 'S', '15', '37', '200', 'km', 'COUNT', '1'],
    ['GEORADIUS', 'S', '15', '37', '200', 'km', 'COUNT', '2', 'ANY'],
    ['GEORADIUS', 'S', '15', '37', '200', 'km', 'ANY'],
    ['GEORADIUS', 'S', '15', '37', '200', 'km', 'COUNT', '0'],
    ['GEORADIUS', 'S', '15', '37', '200', 'km', 'COUNT', '-1'],
    ['GEORADIUS', 'S', '15', '37', '200', 'km', 'COUNT', 'x'],
    ['GEORADIUS', 'S', '15', '37', '200', 'km', 'COUNT'],
    ['GEORADIUS', 'S', '15', '37', '-1', 'km'],
    ['GEORADIUS', 'S', '15', '37', 'x', 'km'],
    ['GEORADIUS', 'S', '15', '37', '1', 'parsec'],
    ['GEORADIUS', 'S', '200', '37', '1', 'km'],
    ['GEORADIUS', 'S', '15', '37', '0', 'km'],
    ['GEORADIUS', 'S', '15', '37', '200', 'km', 'FOO'],
    ['GEORADIUS', 'S', '15', '37', '200', 'km', 'FROMMEMBER', 'Palermo'],
    ['GEORADIUS', 'S', '15', '37', '200', 'km', 'STORE', 'dst', 'WITHDIST'],
    ['GEORADIUS', 'S', '15', '37', '200', 'km', 'STORE', 'dst'],
    ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
    ['GEORADIUS', 'S', '15', '37', '200', 'km', 'STOREDIST', 'dst', 'DESC'],
    ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
    ['GEORADIUS', 'S', '15', '37', '1', 'm', 'STORE', 'dst'],
    ['EXISTS', 'dst'],
    ['GEORADIUS', 'nokey', '15', '37', '1', 'm', 'STORE', 'dst'],
    ['GEORADIUS', 'nokey', '15', '37', '1', 'm'],
    ['GEORADIUS_RO', 'S', '15', '37', '200', 'km', 'STORE', 'dst'],
    ['GEORADIUS_RO', 'S', '15', '37', '200', 'km', 'WITHDIST'],
    ['GEORADIUSBYMEMBER', 'S', 'Palermo', '200', 'km', 'WITHDIST'],
    ['GEORADIUSBYMEMBER', 'S', 'nothere', '200', 'km'],
    ['GEORADIUSBYMEMBER', 'nokey', 'nothere', 'x', 'km'],
    ['GEORADIUSBYMEMBER', 'S', 'Palermo', 'x', 'km'],
    ['GEORADIUSBYMEMBER_RO', 'S', 'Catania', '100', 'mi', 'WITHCOORD', 'DESC'],
    ['GEOSEARCH', 'S', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'ASC', 'WITHDIST'],
    ['GEOSEARCH', 'S', 'FROMMEMBER', 'Palermo', 'BYBOX', '400', '400', 'km', 'DESC', 'WITHCOORD'],
    ['GEOSEARCH', 'S', 'FROMLONLAT', '15', '37', 'BYBOX', '0', '0', 'km'],
    ['GEOSEARCH', 'S', 'FROMLONLAT', '15', '37', 'BYBOX', '-1', '1', 'km'],
    ['GEOSEARCH', 'S', 'FROMLONLAT', '15', '37', 'BYBOX', 'x', '1', 'km'],
    ['GEOSEARCH', 'S', 'FROMLONLAT', '15', '37', 'BYBOX', '1', 'x', 'km'],
    ['GEOSEARCH', 'S', 'FROMLONLAT', '15', '37', 'BYBOX', '1', '1', 'parsec'],
    ['GEOSEARCH', 'S', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1', 'km', 'BYBOX', '1', '1', 'km'],
    ['GEOSEARCH', 'S', 'FROMMEMBER', 'Palermo', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1', 'km'],
    ['GEOSEARCH', 'S', 'FROMMEMBER', 'nothere', 'BYRADIUS', '1', 'km'],
    ['GEOSEARCH', 'S', 'BYRADIUS', '1', 'km', 'ASC'],
    ['GEOSEARCH', 'S', 'FROMMEMBER', 'Palermo', 'ASC', 'DESC'],
    ['GEOSEARCH', 'S', 'FROMMEMBER', 'Palermo', 'BYRADIUS', '1', 'km', 'STORE', 'x'],
    ['GEOSEARCH', 'S', 'FROMMEMBER', 'Palermo', 'BYRADIUS', '1', 'km', 'STOREDIST'],
    ['GEOSEARCH', 'nokey', 'FROMMEMBER', 'nothere', 'BYRADIUS', '1', 'km'],
    ['GEOSEARCH', 'nokey', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1', 'km'],
    ['GEOSEARCH', 'S', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'COUNT', '1', 'ANY', 'WITHHASH'],
    ['GEOSEARCHSTORE', 'dst', 'S', 'FROMLONLAT', '15', '37', 'BYBOX', '400', '400', 'km', 'ASC', 'COUNT', '3', 'STOREDIST'],
    ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
    ['GEOSEARCHSTORE', 'dst', 'S', 'FROMLONLAT', '15', '37', 'BYBOX', '400', '400', 'km'],
    ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
    ['GEOSEARCHSTORE', 'dst', 'S', 'FROMLONLAT', '15', '37', 'BYBOX', '400', '400', 'km', 'WITHDIST'],
    ['GEOSEARCHSTORE', 'dst', 'nokey', 'FROMLONLAT', '15', '37', 'BYBOX', '400', '400', 'km'],
    ['EXISTS', 'dst'],
    ['GEOSEARCHSTORE', 'dst', 'S', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1', 'm'],
    ['OBJECT', 'ENCODING', 'dst'],
  ]);
  d.random('random points and searches', {
    steps: 400,
    gen: (rng: Rng, i: number): Step => {
      const c = CENTRES[Math.floor(i / 60) % CENTRES.length];
      if (i % 60 === 0) return randomPoints(rng, `geo:${i}`, rng.int(5, 200), c[0], c[1], rng.pick([0.05, 0.5, 3, 20]));
      const key = `geo:${i - (i % 60)}`;
      const lon = (c[0] + (rng.next() * 2 - 1)).toFixed(4);
      const lat = Math.max(-85, Math.min(85, c[1] + (rng.next() * 2 - 1))).toFixed(4);
      const radius = rng.pick(['1', '10', '50', '200', '1000', '5000', '0.5']);
      const unit = rng.pick(['km', 'm', 'mi', 'ft']);
      const opts = rng.pick([['ASC'], ['DESC'], ['WITHDIST', 'ASC'], ['WITHCOORD', 'WITHHASH', 'DESC'], ['COUNT', '5'], ['COUNT', '3', 'DESC', 'WITHDIST']]);
      switch (rng.int(0, 6)) {
        case 0:
          return ['GEORADIUS', key, lon, lat, radius, unit, ...opts];
        case 1:
          return ['GEORADIUSBYMEMBER', key, `p${rng.int(0, 4)}`, radius, unit, ...opts];
        case 2:
          return ['GEOSEARCH', key, 'FROMLONLAT', lon, lat, 'BYBOX', radius, rng.pick(['1', '20', '300']), unit, ...opts];
        case 3:
          return ['GEODIST', key, `p${rng.int(0, 10)}`, `p${rng.int(0, 10)}`, unit];
        case 4:
          return ['GEOPOS', key, `p${rng.int(0, 10)}`, `p${rng.int(0, 10)}`];
        case 5:
          return ['GEOHASH', key, `p${rng.int(0, 10)}`];
        default:
          return unordered(['GEOSEARCH', key, 'FROMMEMBER', `p${rng.int(0, 4)}`, 'BYRADIUS', radius, unit, 'WITHDIST']);
      }
    },
  });
  d.random('random coordinates round-trip', {
    steps: 200,
    gen: (rng: Rng, i: number): Step => {
      if (i % 2 === 0) return ['GEOADD', 'rt', coord(rng, 180), coord(rng, 85), `m${i}`];
      return ['GEOPOS', 'rt', `m${i - 1}`];
    },
  });
});
