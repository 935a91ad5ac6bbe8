/**
 * Stream family, Petrel against redis-server 7.0: identical replies. IDs are explicit (auto IDs
 * depend on the clock); time-dependent fields (idle, seen-time, delivery times) and XINFO's
 * radix-tree-nodes (Redis's radix tree internals) are blanked before comparing.
 */
import assert from 'node:assert/strict';
import { differential, type Rng, type Step } from '../helpers/differential.js';
import { showReply, type Reply } from '../helpers/resp-client.js';

const VOLATILE_KEYS = new Set(['radix-tree-nodes', 'seen-time', 'idle']);

/** Replaces time-dependent values with a placeholder. */
function blank(r: Reply): Reply {
  if (r.t === 'int' && Number(r.v) > 1e12) return { t: 'int', v: '<time>' };
  if (r.t === 'array' || r.t === 'set' || r.t === 'push') {
    const out: Reply[] = [];
    for (let i = 0; i < r.v.length; i++) {
      const x = r.v[i];
      out.push(blank(x));
      if (x.t === 'bulk' && VOLATILE_KEYS.has(x.v) && i + 1 < r.v.length) {
        out.push({ t: 'int', v: '<volatile>' });
        i++;
      }
    }
    return { t: r.t, v: out };
  }
  if (r.t === 'map' || r.t === 'attr') {
    return {
      t: r.t,
      v: r.v.map(([k, v]) => [blank(k), k.t === 'bulk' && VOLATILE_KEYS.has(k.v) ? { t: 'int', v: '<volatile>' } : blank(v)]),
    };
  }
  return r;
}

const volatile = (args: string[]): Step => ({
  args,
  compare: (p, r) => {
    const a = showReply(blank(p));
    const b = showReply(blank(r));
    assert.equal(a, b, `${args.join(' ')}\n petrel: ${showReply(p)}\n redis:  ${showReply(r)}`);
  },
});

/** XPENDING extended form: the idle column (index 2 of each row) varies. */
const pendingRows = (args: string[]): Step => ({
  args,
  compare: (p, r) => {
    const strip = (x: Reply): string => {
      if (x.t !== 'array') return showReply(x);
      return showReply({ t: 'array', v: x.v.map((row) => (row.t === 'array' ? { t: 'array', v: row.v.map((e, i) => (i === 2 ? { t: 'int', v: '<idle>' } : e)) } : row)) as Reply[] });
    };
    assert.equal(strip(p), strip(r), `${args.join(' ')}\n petrel: ${showReply(p)}\n redis:  ${showReply(r)}`);
  },
});

differential('stream', (d) => {
  d.case('xadd ids and errors', [
    ['XADD', 's', '1-1', 'a', '1'],
    ['XADD', 's', '1-1', 'a', '1'],
    ['XADD', 's', '1-0', 'a', '1'],
    ['XADD', 's', '1', 'a', '1'],
    ['XADD', 's', '1-*', 'b', '2'],
    ['XADD', 's', '2-*', 'b', '2'],
    ['XADD', 's', '2-*', 'b', '2'],
    ['XADD', 's', '0-0', 'a', '1'],
    ['XADD', 'n', '0-0', 'a', '1'],
    ['EXISTS', 'n'],
    ['XADD', 'n', '0-*', 'a', '1'],
    ['XADD', 's', 'abc', 'a', '1'],
    ['XADD', 's', '-', 'a', '1'],
    ['XADD', 's', '+', 'a', '1'],
    ['XADD', 's', '3-x', 'a', '1'],
    ['XADD', 's', '3-1-1', 'a', '1'],
    ['XADD', 's', '-1', 'a', '1'],
    ['XADD', 's', '18446744073709551616', 'a', '1'],
    ['XADD', 's', '18446744073709551615-18446744073709551614', 'a', '1'],
    ['XADD', 's', '18446744073709551615-*', 'a', '1'],
    ['XADD', 's', '18446744073709551615-*', 'a', '1'],
    ['XADD', 's', '*', 'a', '1'],
    ['XADD', 's', '5-1', 'a'],
    ['XADD', 's', '5-1', 'a', '1', 'b'],
    ['XADD', 's', 'MAXLEN', '5'],
    ['XADD', 'nomk', 'NOMKSTREAM', '1-1', 'a', '1'],
    ['EXISTS', 'nomk'],
    ['XADD', 's', 'LIMIT', '5', '9-1', 'a', '1'],
    ['XADD', 's', 'MAXLEN', '=', '1', 'LIMIT', '5', '9-1', 'a', '1'],
    ['XADD', 's', 'MAXLEN', '-1', '9-1', 'a', '1'],
    ['XADD', 's', 'MAXLEN', 'x', '9-1', 'a', '1'],
    ['XADD', 's', 'MAXLEN', '1', 'MINID', '1', '9-1', 'a', '1'],
    ['XADD', 's', 'MINID', '+', '9-1', 'a', '1'],
    ['XADD', 's', 'MAXLEN', '~', '1', 'LIMIT', '-1', '9-1', 'a', '1'],
    ['SET', 'str', 'x'],
    ['XADD', 'str', '1-1', 'a', '1'],
    ['XLEN', 's'],
    ['XLEN', 'n'],
    ['XLEN', 'nokey'],
    ['XLEN', 'str'],
    ['XRANGE', 'n', '-', '+'],
    ['TYPE', 'n'],
    ['OBJECT', 'ENCODING', 'n'],
  ]);
  d.case('id parsing quirks', [
    ['XADD', 's', '1-01', 'a', '1'],
    ['XADD', 's', '+2-0', 'a', '1'],
    ['XADD', 's', ' 3-0', 'a', '1'],
    ['XADD', 's', '4- 1', 'a', '1'],
    ['XADD', 's', '5-', 'a', '1'],
    ['XADD', 's', '-6', 'a', '1'],
    ['XADD', 's', '7-+1', 'a', '1'],
    ['XRANGE', 's', '-', '+'],
    ['XRANGE', 's', '-0', '+'],
    ['XRANGE', 's', '(', '+'],
    ['XRANGE', 's', '(-', '+'],
    ['XRANGE', 's', '-', '(+'],
    ['XRANGE', 's', '(18446744073709551615-18446744073709551615', '+'],
    ['XRANGE', 's', '-', '(0-0'],
    ['XRANGE', 's', '(1', '(5'],
  ]);
  d.case('xrange xrevrange count', [
    ['XADD', 's', '1-1', 'a', '1'],
    ['XADD', 's', '1-2', 'b', '2'],
    ['XADD', 's', '2-0', 'c', '3', 'd', '4'],
    ['XADD', 's', '3-5', 'e', '5'],
    ['XRANGE', 's', '-', '+'],
    ['XRANGE', 's', '1', '1'],
    ['XRANGE', 's', '1-2', '3'],
    ['XRANGE', 's', '(1-1', '(3-5'],
    ['XRANGE', 's', '-', '+', 'COUNT', '2'],
    ['XRANGE', 's', '-', '+', 'COUNT', '0'],
    ['XRANGE', 's', '-', '+', 'COUNT', '-1'],
    ['XRANGE', 's', '-', '+', 'COUNT'],
    ['XRANGE', 's', '-', '+', 'COUNT', 'x'],
    ['XRANGE', 's', '-', '+', 'FOO', '1'],
    ['XRANGE', 's', '3', '1'],
    ['XREVRANGE', 's', '+', '-'],
    ['XREVRANGE', 's', '+', '-', 'COUNT', '3'],
    ['XREVRANGE', 's', '(3-5', '(1-1'],
    ['XREVRANGE', 's', '2', '1'],
    ['XREVRANGE', 's', '1', '2'],
    ['XRANGE', 'nokey', '-', '+'],
    ['XRANGE', 'nokey', '-', '+', 'COUNT', '0'],
    ['SET', 'str', 'x'],
    ['XRANGE', 'str', '-', '+'],
    ['XRANGE', 's', 'x', '+'],
  ]);
  d.case('xrange resp3', [['XADD', 's', '1-1', 'a', '1'], ['XRANGE', 's', '-', '+'], ['XRANGE', 's', '-', '+', 'COUNT', '0'], ['XADD', 'x', 'NOMKSTREAM', '1-1', 'a', 'b']], { resp3: true });
  d.case('xdel and first id bookkeeping', [
    ['XADD', 's', '1-1', 'a', '1'],
    ['XADD', 's', '2-1', 'a', '1'],
    ['XADD', 's', '3-1', 'a', '1'],
    ['XDEL', 's', '1-1', '1-1', '9-9'],
    ['XDEL', 's', '2-1', 'bad'],
    ['XDEL', 's', '2'],
    ['XDEL', 's', '2-1'],
    volatile(['XINFO', 'STREAM', 's']),
    ['XDEL', 's', '3-1'],
    ['XLEN', 's'],
    ['EXISTS', 's'],
    volatile(['XINFO', 'STREAM', 's']),
    ['XDEL', 'nokey', 'bad'],
    ['XADD', 's', '3-1', 'a', '1'],
    ['XADD', 's', '4-1', 'a', '1'],
    volatile(['XINFO', 'STREAM', 's']),
  ]);
  d.case('xtrim maxlen minid exact and approx', [
    ...Array.from({ length: 250 }, (_, i): Step => ['XADD', 's', `${i + 1}-0`, 'f', String(i)]),
    ['XTRIM', 's', 'MAXLEN', '~', '220'],
    ['XLEN', 's'],
    ['XTRIM', 's', 'MAXLEN', '~', '120'],
    ['XLEN', 's'],
    volatile(['XINFO', 'STREAM', 's']),
    ['XTRIM', 's', 'MAXLEN', '~', '10', 'LIMIT', '50'],
    ['XTRIM', 's', 'MAXLEN', '~', '10', 'LIMIT', '150'],
    ['XLEN', 's'],
    ['XTRIM', 's', 'MAXLEN', '=', '40'],
    ['XRANGE', 's', '-', '+', 'COUNT', '2'],
    ['XTRIM', 's', 'MINID', '220'],
    ['XRANGE', 's', '-', '+', 'COUNT', '2'],
    ['XTRIM', 's', 'MINID', '~', '240'],
    ['XTRIM', 's', 'MINID', '245-0'],
    ['XLEN', 's'],
    volatile(['XINFO', 'STREAM', 's']),
    ['XTRIM', 's', 'MAXLEN', '0'],
    volatile(['XINFO', 'STREAM', 's']),
    ['XTRIM', 's'],
    ['XTRIM', 's', 'FOO', '1'],
    ['XTRIM', 's', 'MAXLEN', '1', 'LIMIT', '1'],
    ['XTRIM', 's', 'LIMIT', '1'],
    ['XTRIM', 's', 'MAXLEN', '-1'],
    ['XTRIM', 'nokey', 'MAXLEN', '1'],
    ['XTRIM', 'nokey', 'MINID', 'bad'],
    ['XADD', 't', 'MAXLEN', '2', '1-1', 'a', '1'],
    ['XADD', 't', 'MAXLEN', '2', '2-1', 'a', '1'],
    ['XADD', 't', 'MAXLEN', '2', '3-1', 'a', '1'],
    ['XADD', 't', 'MINID', '=', '3', '4-1', 'a', '1'],
    ['XRANGE', 't', '-', '+'],
    ['XADD', 't', 'MAXLEN', '0', '5-1', 'a', '1'],
    volatile(['XINFO', 'STREAM', 't']),
  ]);
  d.case('node splits by bytes', [
    ...Array.from({ length: 60 }, (_, i): Step => ['XADD', 's', `${i + 1}-0`, 'field', 'x'.repeat(i * 7), 'n', String(i * 1000)]),
    volatile(['XINFO', 'STREAM', 's']),
    ['XTRIM', 's', 'MAXLEN', '~', '30'],
    ['XLEN', 's'],
    volatile(['XINFO', 'STREAM', 's']),
  ]);
  d.case('xread', [
    ['XADD', 's', '1-1', 'a', '1'],
    ['XADD', 's', '2-1', 'b', '2'],
    ['XADD', 't', '5-1', 'c', '3'],
    ['XREAD', 'STREAMS', 's', '0'],
    ['XREAD', 'COUNT', '1', 'STREAMS', 's', 't', '0', '0'],
    ['XREAD', 'STREAMS', 's', 't', '1-1', '5-1'],
    ['XREAD', 'STREAMS', 's', 't', '$', '$'],
    ['XREAD', 'STREAMS', 's', 'nokey', '0', '0'],
    ['XREAD', 'STREAMS', 's'],
    ['XREAD', 'STREAMS', 's', 't', '0'],
    ['XREAD', 'STREAMS', 's', '>'],
    ['XREAD', 'STREAMS', 's', 'bad'],
    ['XREAD', 'STREAMS', 's', '+'],
    ['XREAD', 'GROUP', 'g', 'c', 'STREAMS', 's', '0'],
    ['XREAD', 'NOACK', 'STREAMS', 's', '0'],
    ['XREAD', 'COUNT', 'x', 'STREAMS', 's', '0'],
    ['XREAD', 'BLOCK', '-1', 'STREAMS', 's', '0'],
    ['XREAD', 'BLOCK', 'x', 'STREAMS', 's', '0'],
    ['XREAD', 'FOO', 'STREAMS', 's', '0'],
    ['XREAD', 'COUNT', '1', 's', '0'],
    ['SET', 'str', 'x'],
    ['XREAD', 'STREAMS', 'str', '0'],
    ['XREAD', 'BLOCK', '10', 'STREAMS', 's', '0'],
    ['MULTI'],
    ['XREAD', 'BLOCK', '0', 'STREAMS', 's', '$'],
    ['EXEC'],
  ]);
  d.case('xread resp3', [['XADD', 's', '1-1', 'a', '1'], ['XREAD', 'STREAMS', 's', 'nokey', '0', '0'], ['XREAD', 'STREAMS', 's', '$']], { resp3: true });
  d.case('xgroup create setid destroy consumers', [
    ['XGROUP', 'CREATE', 's', 'g', '$'],
    ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'],
    ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'],
    ['XGROUP', 'CREATE', 's', 'g2', '0', 'ENTRIESREAD', '-2'],
    ['XGROUP', 'CREATE', 's', 'g2', '0', 'ENTRIESREAD', 'x'],
    ['XGROUP', 'CREATE', 's', 'g2', '0', 'FOO'],
    ['XGROUP', 'CREATE', 's', 'g2', 'bad'],
    ['XGROUP', 'CREATE', 's', 'g2', '-'],
    ['XGROUP', 'CREATE', 's', 'g2', '0', 'MKSTREAM', 'MKSTREAM', 'ENTRIESREAD', '1'],
    ['XGROUP', 'CREATE', 's', 'g2', '0', 'ENTRIESREAD', '3'],
    ['XGROUP', 'CREATE', 's'],
    ['XADD', 's', '1-1', 'a', '1'],
    ['XGROUP', 'CREATE', 's', 'g3', '$'],
    ['XINFO', 'GROUPS', 's'],
    ['XGROUP', 'SETID', 's', 'g', '0'],
    ['XGROUP', 'SETID', 's', 'g', '$', 'ENTRIESREAD', '1'],
    ['XGROUP', 'SETID', 's', 'g', '-'],
    ['XGROUP', 'SETID', 's', 'g', 'bad'],
    ['XGROUP', 'SETID', 's', 'nog', '0'],
    ['XGROUP', 'SETID', 's', 'g', '0', 'MKSTREAM'],
    ['XGROUP', 'SETID', 's', 'g', '0', 'ENTRIESREAD'],
    ['XINFO', 'GROUPS', 's'],
    ['XGROUP', 'CREATECONSUMER', 's', 'g', 'c1'],
    ['XGROUP', 'CREATECONSUMER', 's', 'g', 'c1'],
    ['XGROUP', 'CREATECONSUMER', 's', 'nog', 'c1'],
    ['XGROUP', 'CREATECONSUMER', 'nokey', 'g', 'c1'],
    volatile(['XINFO', 'CONSUMERS', 's', 'g']),
    ['XGROUP', 'DELCONSUMER', 's', 'g', 'c1'],
    ['XGROUP', 'DELCONSUMER', 's', 'g', 'c1'],
    ['XGROUP', 'DELCONSUMER', 's', 'nog', 'c1'],
    ['XGROUP', 'DESTROY', 's', 'g'],
    ['XGROUP', 'DESTROY', 's', 'g'],
    ['XGROUP', 'DESTROY', 'nokey', 'g'],
    ['XGROUP', 'FOO', 's', 'g'],
    ['XGROUP', 'HELP'],
    ['XGROUP'],
    ['XINFO', 'GROUPS', 's'],
    ['SET', 'str', 'x'],
    ['XGROUP', 'CREATE', 'str', 'g', '0'],
    ['XINFO', 'GROUPS', 'str'],
    ['XINFO', 'GROUPS', 'nokey'],
    ['XINFO', 'CONSUMERS', 's', 'nog'],
    ['XINFO', 'STREAM', 'nokey'],
    ['XINFO', 'STREAM', 's', 'FOO'],
    ['XINFO', 'STREAM', 's', 'FULL', 'COUNT'],
    ['XINFO', 'STREAM', 's', 'FULL', 'COUNT', 'x'],
    ['XINFO', 'HELP'],
    ['XINFO', 'FOO', 's'],
  ]);
  d.case('xreadgroup, pel, xack, xpending', [
    ['XADD', 's', '1-1', 'a', '1'],
    ['XADD', 's', '2-1', 'b', '2'],
    ['XADD', 's', '3-1', 'c', '3'],
    ['XGROUP', 'CREATE', 's', 'g', '0'],
    ['XREADGROUP', 'GROUP', 'g', 'c1', 'COUNT', '1', 'STREAMS', 's', '>'],
    ['XREADGROUP', 'GROUP', 'g', 'c2', 'STREAMS', 's', '>'],
    ['XREADGROUP', 'GROUP', 'g', 'c2', 'STREAMS', 's', '>'],
    ['XREADGROUP', 'GROUP', 'g', 'c1', 'STREAMS', 's', '0'],
    ['XREADGROUP', 'GROUP', 'g', 'c3', 'STREAMS', 's', '0'],
    ['XREADGROUP', 'GROUP', 'g', 'c2', 'COUNT', '1', 'STREAMS', 's', '1-1'],
    ['XREADGROUP', 'GROUP', 'g', 'c2', 'STREAMS', 's', '$'],
    ['XREADGROUP', 'GROUP', 'nog', 'c2', 'STREAMS', 's', '>'],
    ['XREADGROUP', 'GROUP', 'g', 'c2', 'STREAMS', 'nokey', '>'],
    ['XREADGROUP', 'STREAMS', 's', '>'],
    ['XREADGROUP', 'GROUP', 'g', 'c2', 'STREAMS', 's'],
    ['XPENDING', 's', 'g'],
    pendingRows(['XPENDING', 's', 'g', '-', '+', '10']),
    pendingRows(['XPENDING', 's', 'g', '-', '+', '10', 'c2']),
    pendingRows(['XPENDING', 's', 'g', '(1-1', '+', '1']),
    pendingRows(['XPENDING', 's', 'g', 'IDLE', '0', '-', '+', '10']),
    pendingRows(['XPENDING', 's', 'g', 'IDLE', '1000000', '-', '+', '10']),
    ['XPENDING', 's', 'g', '-', '+', '10', 'nobody'],
    ['XPENDING', 's', 'g', '-', '+'],
    ['XPENDING', 's', 'g', 'IDLE', '10', '-', '+'],
    ['XPENDING', 's', 'g', '-', '+', 'x'],
    ['XPENDING', 's', 'g', 'bad', '+', '10'],
    ['XPENDING', 's', 'nog'],
    ['XPENDING', 'nokey', 'g'],
    ['XDEL', 's', '2-1'],
    ['XREADGROUP', 'GROUP', 'g', 'c2', 'STREAMS', 's', '0'],
    ['XACK', 's', 'g', '1-1', '2-1', '9-9'],
    ['XACK', 's', 'g', '1-1'],
    ['XACK', 's', 'g', 'bad'],
    ['XACK', 's', 'nog', '1-1'],
    ['XACK', 'nokey', 'g', '1-1'],
    ['XPENDING', 's', 'g'],
    ['XINFO', 'GROUPS', 's'],
    ['XGROUP', 'DELCONSUMER', 's', 'g', 'c2'],
    ['XPENDING', 's', 'g'],
    ['XREADGROUP', 'GROUP', 'g', 'c1', 'NOACK', 'STREAMS', 's', '>'],
    ['XADD', 's', '4-1', 'd', '4'],
    ['XREADGROUP', 'GROUP', 'g', 'c1', 'NOACK', 'STREAMS', 's', '>'],
    ['XPENDING', 's', 'g'],
    ['XINFO', 'GROUPS', 's'],
    volatile(['XINFO', 'STREAM', 's', 'FULL']),
    volatile(['XINFO', 'STREAM', 's', 'FULL', 'COUNT', '1']),
    volatile(['XINFO', 'CONSUMERS', 's', 'g']),
  ]);
  d.case('xreadgroup resp3', [
    ['XADD', 's', '1-1', 'a', '1'],
    ['XGROUP', 'CREATE', 's', 'g', '0'],
    ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>'],
    ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>'],
    ['XPENDING', 's', 'g'],
    ['XINFO', 'GROUPS', 's'],
    volatile(['XINFO', 'STREAM', 's']),
  ], { resp3: true });
  d.case('entries-read and lag', [
    ['XADD', 's', '1-1', 'a', '1'],
    ['XADD', 's', '2-1', 'a', '1'],
    ['XADD', 's', '3-1', 'a', '1'],
    ['XADD', 's', '4-1', 'a', '1'],
    ['XGROUP', 'CREATE', 's', 'g1', '0'],
    ['XGROUP', 'CREATE', 's', 'g2', '$'],
    ['XGROUP', 'CREATE', 's', 'g3', '2-1'],
    ['XGROUP', 'CREATE', 's', 'g4', '0', 'ENTRIESREAD', '1'],
    ['XINFO', 'GROUPS', 's'],
    ['XREADGROUP', 'GROUP', 'g1', 'c', 'COUNT', '2', 'STREAMS', 's', '>'],
    ['XINFO', 'GROUPS', 's'],
    ['XDEL', 's', '3-1'],
    ['XINFO', 'GROUPS', 's'],
    ['XREADGROUP', 'GROUP', 'g1', 'c', 'COUNT', '1', 'STREAMS', 's', '>'],
    ['XREADGROUP', 'GROUP', 'g3', 'c', 'STREAMS', 's', '>'],
    ['XINFO', 'GROUPS', 's'],
    ['XDEL', 's', '1-1'],
    ['XINFO', 'GROUPS', 's'],
    ['XADD', 's', '5-1', 'a', '1'],
    ['XINFO', 'GROUPS', 's'],
    ['XTRIM', 's', 'MAXLEN', '1'],
    ['XINFO', 'GROUPS', 's'],
    ['XGROUP', 'SETID', 's', 'g2', '0', 'ENTRIESREAD', '0'],
    ['XINFO', 'GROUPS', 's'],
    ['XGROUP', 'CREATE', 'e', 'g', '$', 'MKSTREAM'],
    ['XINFO', 'GROUPS', 'e'],
  ]);
  d.case('xclaim', [
    ['XADD', 's', '1-1', 'a', '1'],
    ['XADD', 's', '2-1', 'b', '2'],
    ['XADD', 's', '3-1', 'c', '3'],
    ['XGROUP', 'CREATE', 's', 'g', '0'],
    ['XREADGROUP', 'GROUP', 'g', 'c1', 'STREAMS', 's', '>'],
    ['XCLAIM', 's', 'g', 'c2', '1000000', '1-1'],
    volatile(['XINFO', 'CONSUMERS', 's', 'g']),
    ['XCLAIM', 's', 'g', 'c2', '0', '1-1'],
    ['XCLAIM', 's', 'g', 'c2', '0', '2-1', 'JUSTID'],
    ['XCLAIM', 's', 'g', 'c2', '0', '2-1', '3-1', 'RETRYCOUNT', '7', 'JUSTID'],
    pendingRows(['XPENDING', 's', 'g', '-', '+', '10']),
    ['XCLAIM', 's', 'g', 'c3', '0', '9-9', 'FORCE'],
    ['XADD', 's', '4-1', 'd', '4'],
    ['XCLAIM', 's', 'g', 'c3', '0', '4-1'],
    ['XCLAIM', 's', 'g', 'c3', '0', '4-1', 'FORCE', 'IDLE', '5000'],
    pendingRows(['XPENDING', 's', 'g', '-', '+', '10']),
    ['XCLAIM', 's', 'g', 'c3', '0', '4-1', 'TIME', '1', 'JUSTID'],
    ['XCLAIM', 's', 'g', 'c3', '0', '4-1', 'LASTID', '10-0', 'JUSTID'],
    ['XINFO', 'GROUPS', 's'],
    ['XDEL', 's', '1-1'],
    ['XCLAIM', 's', 'g', 'c3', '0', '1-1'],
    ['XPENDING', 's', 'g'],
    ['XCLAIM', 's', 'g', 'c3', 'x', '1-1'],
    ['XCLAIM', 's', 'g', 'c3', '0', '1-1', 'IDLE', 'x'],
    ['XCLAIM', 's', 'g', 'c3', '0', '1-1', 'TIME', 'x'],
    ['XCLAIM', 's', 'g', 'c3', '0', '1-1', 'RETRYCOUNT', 'x'],
    ['XCLAIM', 's', 'g', 'c3', '0', '1-1', 'LASTID', 'x'],
    ['XCLAIM', 's', 'g', 'c3', '0', '1-1', 'FOO'],
    ['XCLAIM', 's', 'g', 'c3', '0', 'FOO'],
    ['XCLAIM', 's', 'g', 'c3', '0', '1-1', 'IDLE'],
    ['XCLAIM', 's', 'nog', 'c3', '0', '1-1'],
    ['XCLAIM', 'nokey', 'g', 'c3', '0', '1-1'],
  ]);
  d.case('xautoclaim', [
    ...Array.from({ length: 8 }, (_, i): Step => ['XADD', 's', `${i + 1}-1`, 'f', String(i)]),
    ['XGROUP', 'CREATE', 's', 'g', '0'],
    ['XREADGROUP', 'GROUP', 'g', 'c1', 'STREAMS', 's', '>'],
    ['XAUTOCLAIM', 's', 'g', 'c2', '0', '0', 'COUNT', '2'],
    ['XAUTOCLAIM', 's', 'g', 'c2', '0', '3-1', 'COUNT', '2', 'JUSTID'],
    ['XDEL', 's', '5-1', '6-1'],
    ['XAUTOCLAIM', 's', 'g', 'c2', '0', '(4-1', 'COUNT', '3'],
    ['XAUTOCLAIM', 's', 'g', 'c2', '0', '0'],
    ['XAUTOCLAIM', 's', 'g', 'c3', '1000000', '0'],
    volatile(['XINFO', 'CONSUMERS', 's', 'g']),
    ['XPENDING', 's', 'g'],
    ['XAUTOCLAIM', 's', 'g', 'c2', '0', '0', 'COUNT', '0'],
    ['XAUTOCLAIM', 's', 'g', 'c2', '0', '0', 'COUNT', 'x'],
    ['XAUTOCLAIM', 's', 'g', 'c2', '0', '0', 'FOO'],
    ['XAUTOCLAIM', 's', 'g', 'c2', 'x', '0'],
    ['XAUTOCLAIM', 's', 'g', 'c2', '0', 'bad'],
    ['XAUTOCLAIM', 's', 'nog', 'c2', '0', '0'],
    ['XAUTOCLAIM', 'nokey', 'g', 'c2', '0', '0'],
  ]);
  d.case('xsetid', [
    ['XSETID', 'nokey', '1-1'],
    ['XADD', 's', '5-1', 'a', '1'],
    ['XSETID', 's', '4-1'],
    ['XSETID', 's', '5-1'],
    ['XSETID', 's', '10-0', 'ENTRIESADDED', '0'],
    ['XSETID', 's', '10-0', 'ENTRIESADDED', '-1'],
    ['XSETID', 's', '10-0', 'ENTRIESADDED', '7', 'MAXDELETEDID', '11-0'],
    ['XSETID', 's', '10-0', 'ENTRIESADDED', '7', 'MAXDELETEDID', '3-0'],
    volatile(['XINFO', 'STREAM', 's']),
    ['XSETID', 's', '2-0'],
    ['XSETID', 's', '11-0', 'FOO'],
    ['XSETID', 's', 'bad'],
    ['XADD', 's', '10-0', 'a', '1'],
    ['XADD', 's', '10-*', 'a', '1'],
    ['XSETID', 's', '20-0', 'MAXDELETEDID'],
  ]);
  d.case('digest and copy', [
    ['XADD', 's', '1-1', 'a', '1', 'b', '2'],
    ['XADD', 's', '2-1', 'a', '3'],
    ['XADD', 's', '3-1', 'x\x00y', '\xff'],
    ['XDEL', 's', '2-1'],
    ['DEBUG', 'DIGEST'],
    ['DEBUG', 'DIGEST-VALUE', 's'],
    ['COPY', 's', 't'],
    ['XRANGE', 't', '-', '+'],
    ['DEBUG', 'DIGEST-VALUE', 't'],
  ]);

  const ids = (r: Rng): string => `${r.int(1, 40)}-${r.int(0, 3)}`;
  d.random('random xadd xdel xtrim xrange', {
    steps: 400,
    gen: (r: Rng): Step => {
      const k = r.pick(['s1', 's2']);
      switch (r.int(0, 9)) {
        case 0:
        case 1:
        case 2:
          return ['XADD', k, ids(r), r.str(2), r.str(r.int(0, 4))];
        case 3:
          return ['XADD', k, `${r.int(1, 50)}-*`, 'f', r.str(3), 'g', String(r.int(0, 300))];
        case 4:
          return ['XDEL', k, ids(r), ids(r)];
        case 5:
          return r.bool()
            ? ['XTRIM', k, 'MAXLEN', r.pick(['=', '~']), String(r.int(0, 10))]
            : ['XTRIM', k, 'MINID', r.pick(['=', '~']), ids(r)];
        case 6:
          return ['XRANGE', k, r.pick(['-', ids(r), `(${ids(r)}`]), r.pick(['+', ids(r)]), 'COUNT', String(r.int(0, 5))];
        case 7:
          return ['XREVRANGE', k, r.pick(['+', ids(r)]), r.pick(['-', ids(r), `(${ids(r)}`])];
        case 8:
          return ['XLEN', k];
        default:
          return volatile(['XINFO', 'STREAM', k]);
      }
    },
  });
  d.random('random groups', {
    steps: 300,
    gen: (r: Rng): Step => {
      const g = r.pick(['g1', 'g2']);
      const c = r.pick(['c1', 'c2', 'c3']);
      switch (r.int(0, 11)) {
        case 0:
        case 1:
          return ['XADD', 's', `${r.int(1, 60)}-${r.int(0, 2)}`, 'f', r.str(2)];
        case 2:
          return ['XGROUP', 'CREATE', 's', g, r.pick(['0', '$', ids(r)]), 'MKSTREAM'];
        case 3:
          return ['XREADGROUP', 'GROUP', g, c, 'COUNT', String(r.int(1, 3)), 'STREAMS', 's', r.pick(['>', '>', '0'])];
        case 4:
          return ['XACK', 's', g, ids(r), ids(r)];
        case 5:
          return ['XDEL', 's', ids(r)];
        case 6:
          return ['XPENDING', 's', g];
        case 7:
          return ['XCLAIM', 's', g, c, '0', ids(r), ids(r), 'JUSTID'];
        case 8:
          return ['XAUTOCLAIM', 's', g, c, '0', ids(r), 'COUNT', String(r.int(1, 4)), 'JUSTID'];
        case 9:
          return ['XINFO', 'GROUPS', 's'];
        case 10:
          return r.bool() ? ['XGROUP', 'SETID', 's', g, ids(r)] : ['XTRIM', 's', 'MAXLEN', String(r.int(0, 20))];
        default:
          return volatile(['XINFO', 'CONSUMERS', 's', g]);
      }
    },
  });
  d.random('random groups with history, claims and full info', {
    steps: 300,
    gen: (r: Rng): Step => {
      const g = r.pick(['g1', 'g2']);
      const c = r.pick(['c1', 'c2']);
      const id = `${r.int(1, 30)}-${r.int(0, 1)}`;
      switch (r.int(0, 12)) {
        case 0:
        case 1:
        case 2:
          return ['XADD', 's', 'MAXLEN', r.pick(['~', '=']), String(r.int(5, 40)), `${r.int(1, 30)}-*`, 'f', r.str(2)];
        case 3:
          return ['XGROUP', 'CREATE', 's', g, r.pick(['0', '$', id]), 'MKSTREAM'];
        case 4:
        case 5:
          return ['XREADGROUP', 'GROUP', g, c, 'COUNT', String(r.int(0, 4)), ...(r.bool(0.2) ? ['NOACK'] : []), 'STREAMS', 's', r.pick(['>', '0', id])];
        case 6:
          return ['XACK', 's', g, id];
        case 7:
          return ['XDEL', 's', id, `${r.int(1, 30)}-0`];
        case 8:
          return ['XCLAIM', 's', g, c, '0', id, `${r.int(1, 30)}-0`, ...(r.bool() ? ['FORCE'] : []), ...(r.bool() ? ['RETRYCOUNT', String(r.int(0, 9))] : [])];
        case 9:
          return ['XAUTOCLAIM', 's', g, c, '0', r.pick(['0', id, `(${id}`]), 'COUNT', String(r.int(1, 5))];
        case 10:
          return r.bool() ? ['XPENDING', 's', g] : pendingRows(['XPENDING', 's', g, '-', '+', String(r.int(0, 9)), ...(r.bool() ? [c] : [])]);
        case 11:
          return r.bool() ? ['XGROUP', 'SETID', 's', g, r.pick(['0', '$', id])] : ['XGROUP', 'DELCONSUMER', 's', g, c];
        default:
          return volatile(['XINFO', 'STREAM', 's', 'FULL', ...(r.bool() ? ['COUNT', String(r.int(0, 5))] : [])]);
      }
    },
  });
});
