/**
 * HyperLogLog family, Petrel against redis-server 7.0: identical replies and byte-identical
 * values (GET of an HLL key returns Redis's sparse or dense representation).
 */
import { differential, type Rng, type Step } from '../helpers/differential.js';

/** PFADD key e<from>..e<to> in batches of `batch` elements. */
function adds(key: string, from: number, to: number, batch = 500, prefix = 'e'): Step[] {
  const out: Step[] = [];
  for (let i = from; i <= to; i += batch) {
    const args = ['PFADD', key];
    for (let j = i; j < Math.min(i + batch, to + 1); j++) args.push(prefix + j);
    out.push(args);
  }
  return out;
}

differential('hyperloglog', (d) => {
  d.case('pfadd sparse bytes and pfcount cache', [
    ['PFADD', 'h'],
    ['GET', 'h'],
    ['PFADD', 'h'],
    ['PFADD', 'h', 'a', 'b', 'c'],
    ['PFADD', 'h', 'a'],
    ['GET', 'h'],
    ['PFCOUNT', 'h'],
    ['GET', 'h'],
    ['PFADD', 'h', 'd'],
    ['GET', 'h'],
    ['PFDEBUG', 'ENCODING', 'h'],
    ['PFDEBUG', 'DECODE', 'h'],
    ['PFADD', 'h', '', '\x00', '\xff\xfe', 'a longer element of more than eight bytes', '12345678', '1234567'],
    ['GET', 'h'],
    ['PFCOUNT', 'h'],
    ['PFCOUNT', 'nokey'],
    ['PFCOUNT', 'h', 'nokey'],
  ]);
  d.case('sparse to dense by size (1..3000) and counts', [
    ...adds('h', 1, 3000, 100, ''),
    ['PFDEBUG', 'ENCODING', 'h'],
    ['GET', 'h'],
    ['PFCOUNT', 'h'],
    ['GET', 'h'],
  ]);
  d.case('growing sparse, byte for byte', [
    ...adds('s', 1, 1200, 7).flatMap((s): Step[] => [s, ['GET', 's']]),
    ['PFCOUNT', 's'],
  ]);
  d.case('dense 1..100000 and merges', [
    ...adds('big', 1, 100000),
    ['PFCOUNT', 'big'],
    ['GET', 'big'],
    ...adds('mid', 50000, 60000, 500, 'e'),
    ...adds('small', 1, 50),
    ['PFCOUNT', 'big', 'mid', 'small', 'nokey'],
    ['PFCOUNT', 'small', 'mid'],
    ['PFMERGE', 'm1', 'small'],
    ['GET', 'm1'],
    ['PFMERGE', 'm2', 'small', 'mid', 'big'],
    ['GET', 'm2'],
    ['PFCOUNT', 'm2'],
    ['PFMERGE', 'small', 'mid'],
    ['GET', 'small'],
    ['PFMERGE', 'empty'],
    ['GET', 'empty'],
    ['PFMERGE', 'empty2', 'nokey1', 'nokey2'],
    ['GET', 'empty2'],
    ['PFDEBUG', 'GETREG', 'mid'],
    ['GET', 'mid'],
    ['PFDEBUG', 'TODENSE', 'm1'],
    ['PFDEBUG', 'TODENSE', 'm1'],
    ['GET', 'm1'],
    ['PFDEBUG', 'DECODE', 'm1'],
  ]);
  d.case('errors', [
    ['SET', 'str', 'not an hll'],
    ['PFADD', 'str', 'a'],
    ['PFCOUNT', 'str'],
    ['PFCOUNT', 'nokey', 'str'],
    ['PFMERGE', 'dst', 'str'],
    ['PFMERGE', 'str', 'nokey'],
    ['HSET', 'hash', 'f', 'v'],
    ['PFADD', 'hash', 'a'],
    ['PFCOUNT', 'hash'],
    ['PFMERGE', 'x', 'hash'],
    ['PFDEBUG', 'ENCODING', 'nokey'],
    ['PFDEBUG', 'BOGUS', 'nokey'],
    ['PFDEBUG', 'ENCODING', 'str'],
    ['PFADD', 'h', 'a'],
    ['PFDEBUG', 'BOGUS', 'h'],
    ['PFDEBUG', 'ENCODING'],
    // A corrupted sparse value: valid header, opcodes covering too few registers.
    ['SET', 'bad', 'HYLL\x01\x00\x00\x00\x00\x00\x00\x80\x00\x00\x00\x80\x7f\x00'],
    ['PFCOUNT', 'bad'],
    ['PFCOUNT', 'bad', 'h'],
    ['PFMERGE', 'h', 'bad'],
    ['PFDEBUG', 'TODENSE', 'bad'],
    ['PFDEBUG', 'DECODE', 'bad'],
    // A dense header with the wrong length, an unknown encoding.
    ['SET', 'bad2', 'HYLL\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00'],
    ['PFADD', 'bad2', 'x'],
    ['SET', 'bad3', 'HYLL\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00'],
    ['PFCOUNT', 'bad3'],
    ['SET', 'short', 'HYLL'],
    ['PFCOUNT', 'short'],
  ]);
  d.random('random pfadd/pfmerge/pfcount', {
    steps: 400,
    gen: (rng: Rng, step: number): Step => {
      const keys = ['p1', 'p2', 'p3'];
      const k = rng.pick(keys);
      if (step % 3 === 2) return ['GET', k];
      const n = rng.int(0, 9);
      if (n < 6) {
        const args = ['PFADD', k];
        const count = rng.int(0, rng.bool(0.2) ? 400 : 20);
        for (let i = 0; i < count; i++) args.push(rng.str(rng.int(0, 12), rng.bool(0.3)));
        return args;
      }
      if (n < 8) return ['PFCOUNT', ...keys.slice(0, rng.int(1, 3))];
      return ['PFMERGE', k, rng.pick(keys), rng.pick(keys)];
    },
  });
});
