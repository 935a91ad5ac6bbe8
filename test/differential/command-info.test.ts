/**
 * COMMAND INFO against redis-server 7.0: for every top-level command Petrel has (from its own
 * COMMAND LIST), `COMMAND INFO name` must equal Redis's reply exactly — arity, flags, legacy key
 * triple, ACL categories, tips, key specs and the nested subcommand entries — in RESP2 and RESP3.
 * The one normalisation: subcommands are compared sorted by name, because Redis lists them in
 * its dict order, which a random hash seed changes from one redis-server run to the next.
 * COMMAND COUNT is only checked as Petrel <= Redis; the commands Petrel lacks are printed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RespClient, showReply, type Reply } from '../helpers/resp-client.js';
import { peerSkip, startPetrel, startRedis, type RunningServer } from '../helpers/server.js';

/**
 * Commands whose COMMAND INFO may still differ from Redis's, each with the reason. Keep it
 * short and honest: an entry that matches Redis again fails the test, so it gets removed.
 */
const ALLOWED_TO_DIFFER: ReadonlyMap<string, string> = new Map<string, string>([
  // (none today)
]);

/** Sorts the subcommand entries (element 9 of a COMMAND INFO entry) by name, recursively. */
function normalise(r: Reply): Reply {
  if (r.t !== 'array' || r.v.length !== 10) return r;
  const subs = r.v[9];
  if (subs.t !== 'array' && subs.t !== 'set') return r;
  const nameOf = (e: Reply): string => (e.t === 'array' && e.v[0] && 'v' in e.v[0] ? String(e.v[0].v) : '');
  const sorted = subs.v.map(normalise).sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
  return { t: 'array', v: [...r.v.slice(0, 9), { t: subs.t, v: sorted }] };
}

function names(list: Reply): string[] {
  assert.equal(list.t, 'array');
  return (list.v as Reply[]).map((x) => {
    assert.ok(x.t === 'bulk' || x.t === 'simple', showReply(x));
    return x.v;
  });
}

describe('differential: COMMAND INFO', { skip: peerSkip('redis-server') }, () => {
  let petrel: RunningServer | null = null;
  let redis: RunningServer | null = null;
  const clients: RespClient[] = [];
  let p2: RespClient, r2: RespClient, p3: RespClient, r3: RespClient;

  before(async () => {
    [petrel, redis] = await Promise.all([startPetrel(), startRedis()]);
    [p2, r2, p3, r3] = await Promise.all([RespClient.connect(petrel.port), RespClient.connect(redis.port), RespClient.connect(petrel.port), RespClient.connect(redis.port)]);
    clients.push(p2, r2, p3, r3);
    await Promise.all([p3.call('HELLO', '3'), r3.call('HELLO', '3')]);
  });

  after(async () => {
    for (const c of clients) c.close();
    await Promise.all([petrel?.stop(), redis?.stop()]);
  });

  it('COMMAND COUNT: Petrel has no command Redis lacks', async () => {
    const [pc, rc] = await Promise.all([p2.call('COMMAND', 'COUNT'), r2.call('COMMAND', 'COUNT')]);
    assert.equal(pc.t, 'int');
    assert.equal(rc.t, 'int');
    assert.ok(Number(pc.v) <= Number(rc.v), `Petrel ${pc.v} > Redis ${rc.v}`);
    const top = (l: string[]) => new Set(l.filter((n) => !n.includes('|')));
    const mine = top(names(await p2.call('COMMAND', 'LIST')));
    const theirs = top(names(await r2.call('COMMAND', 'LIST')));
    assert.equal(mine.size, Number(pc.v), 'COMMAND COUNT agrees with COMMAND LIST');
    const extra = [...mine].filter((n) => !theirs.has(n));
    assert.deepEqual(extra, [], 'commands Redis 7.0 does not have');
    const missing = [...theirs].filter((n) => !mine.has(n)).sort();
    console.log(`COMMAND COUNT: Petrel ${pc.v}, Redis ${rc.v}; missing in Petrel (${missing.length}): ${missing.join(' ')}`);
  });

  it('COMMAND INFO of every command equals Redis (RESP2 and RESP3)', async (t) => {
    const list = names(await p2.call('COMMAND', 'LIST')).filter((n) => !n.includes('|')).sort();
    assert.ok(list.length > 0);
    for (const name of list) {
      await t.test(name, async () => {
        const diffs: string[] = [];
        for (const [p, r, proto] of [[p2, r2, 'RESP2'], [p3, r3, 'RESP3']] as const) {
          const [pr, rr] = await Promise.all([p.call('COMMAND', 'INFO', name), r.call('COMMAND', 'INFO', name)]);
          const ps = showReply(normalise(pr.t === 'array' && pr.v.length === 1 ? pr.v[0] : pr));
          const rs = showReply(normalise(rr.t === 'array' && rr.v.length === 1 ? rr.v[0] : rr));
          if (ps !== rs) diffs.push(`${proto}\n  petrel: ${ps}\n  redis:  ${rs}`);
        }
        const why = ALLOWED_TO_DIFFER.get(name);
        if (why === undefined) assert.deepEqual(diffs, [], `COMMAND INFO ${name} differs`);
        else assert.notDeepEqual(diffs, [], `${name} is allowed to differ (${why}) but now matches Redis: remove it from the list`);
      });
    }
  });
});
