/**
 * SORT and SORT_RO, Petrel against redis-server 7.0, over sets, sorted sets and lists. Set
 * input order differs between the servers, so every case over a hashtable set sorts it (or
 * compares as a multiset); ties are avoided where Redis's qsort order would be arbitrary.
 */
import { differential, type Rng, type Step } from '../helpers/differential.js';
import { CommandTable } from '../../src/commands/table.js';

const unordered = (args: string[]): Step => ({ args, compare: 'unordered' });
const haveLists = new CommandTable().get('rpush') !== undefined;

differential('sort', (d) => {
  d.case('sets: numeric, alpha, limit, desc', [
    ['SADD', 's', '10', '2', '-3', '7', '1.5', '0x10', ' 4'],
    ['SORT', 's'],
    ['SORT', 's', 'DESC'],
    ['SORT', 's', 'LIMIT', '1', '3'],
    ['SORT', 's', 'LIMIT', '-5', '2'],
    ['SORT', 's', 'LIMIT', '5', '100'],
    ['SORT', 's', 'LIMIT', '100', '2'],
    ['SORT', 's', 'LIMIT', '2', '0'],
    ['SORT', 's', 'LIMIT', '2', '-1'],
    ['SORT', 's', 'LIMIT', '5', '9223372036854775807'],
    ['SORT', 's', 'ALPHA'],
    ['SORT', 's', 'ALPHA', 'DESC', 'LIMIT', '0', '2'],
    ['SORT_RO', 's', 'DESC', 'ALPHA'],
    ['SADD', 'i', '5', '3', '9', '1'],
    ['SORT', 'i'],
    ['SORT', 'i', 'BY', 'nosort'],
    ['SORT', 'i', 'BY', 'nosort', 'LIMIT', '1', '2'],
    ['SADD', 'bad', '1', 'abc'],
    ['SORT', 'bad'],
    ['SORT', 'bad', 'ALPHA'],
    ['SADD', 'nan', '1', 'nan'],
    ['SORT', 'nan'],
    ['SADD', 'big', '1e400', '1'],
    ['SORT', 'big'],
    ['SADD', 'ties', 'b', 'a', 'c'],
    ['SORT', 'ties', 'BY', 'w_*'],
    ['SORT', 'nokey'],
    ['SORT', 'nokey', 'STORE', 'dst'],
    ['EXISTS', 'dst'],
    unordered(['SORT', 's', 'BY', 'nosort']),
  ]);
  d.case('errors', [
    ['SET', 'str', 'x'],
    ['SORT', 'str'],
    ['HSET', 'h', 'a', '1'],
    ['SORT', 'h'],
    ['SADD', 's', '1'],
    ['SORT', 's', 'LIMIT', '1'],
    ['SORT', 's', 'LIMIT', 'x', '1'],
    ['SORT', 's', 'LIMIT', '1', 'y'],
    ['SORT', 's', 'BY'],
    ['SORT', 's', 'GET'],
    ['SORT', 's', 'bogus'],
    ['SORT', 's', 'STORE'],
    ['SORT_RO', 's', 'STORE', 'dst'],
    ['SORT', 'str', 'bogus'],
  ]);
  d.case('by and get patterns', [
    ['SADD', 's', '1', '2', '3', '4'],
    ['MSET', 'w_1', '30', 'w_2', '10', 'w_3', '20', 'w_4', '5'],
    ['MSET', 'o_1', 'one', 'o_2', 'two', 'o_3', 'three'],
    ['HSET', 'h_1', 'f', '3', 'name', 'uno'],
    ['HSET', 'h_2', 'f', '1', 'name', 'dos'],
    ['HSET', 'h_3', 'f', '2'],
    ['HSET', 'h_4', 'f', '4', 'name', 'cuatro'],
    ['SORT', 's', 'BY', 'w_*'],
    ['SORT', 's', 'BY', 'w_*', 'DESC'],
    ['SORT', 's', 'BY', 'w_*', 'GET', 'o_*'],
    ['SORT', 's', 'BY', 'w_*', 'GET', '#', 'GET', 'o_*', 'GET', 'nostar'],
    ['SORT', 's', 'BY', 'w_*', 'LIMIT', '1', '2', 'GET', 'o_*'],
    ['SORT', 's', 'BY', 'h_*->f'],
    ['SORT', 's', 'BY', 'h_*->f', 'GET', 'h_*->name', 'GET', '#'],
    ['SORT', 's', 'GET', 'h_*->'],
    ['SORT', 's', 'GET', 'h_*->nofield'],
    ['SORT', 's', 'GET', 'w_*->f'],
    ['SORT', 's', 'GET', 'o_*', 'ALPHA'],
    ['SORT', 's', 'BY', 'o_*', 'ALPHA'],
    ['SORT', 's', 'BY', 'o_*'],
    ['SORT', 's', 'BY', 'w_*', 'ALPHA'],
    // The stored list is checked through its digest (list reads belong to the list family).
    ['SORT', 's', 'BY', 'w_*', 'GET', 'o_*', 'GET', '#', 'STORE', 'dst'],
    ['TYPE', 'dst'],
    ['OBJECT', 'ENCODING', 'dst'],
    ['DEBUG', 'DIGEST-VALUE', 'dst'],
    ['SORT', 's', 'BY', 'nosort', 'STORE', 'dst'],
    ['DEBUG', 'DIGEST-VALUE', 'dst'],
    ['SORT', 's', 'LIMIT', '0', '0', 'STORE', 'dst'],
    ['EXISTS', 'dst'],
    ['SET', 'e', 'x', 'EX', '100'],
    ['SORT', 's', 'DESC', 'STORE', 'e'],
    ['TTL', 'e'],
    ['DEBUG', 'DIGEST-VALUE', 'e'],
  ]);
  d.case('sorted sets', [
    ['ZADD', 'z', '3', 'c', '1', 'a', '2', 'b', '4', '10'],
    ['OBJECT', 'ENCODING', 'z'],
    ['SORT', 'z', 'ALPHA'],
    ['OBJECT', 'ENCODING', 'z'],
    ['SORT', 'z', 'BY', 'nosort'],
    ['SORT', 'z', 'BY', 'nosort', 'DESC'],
    ['SORT', 'z', 'BY', 'nosort', 'LIMIT', '1', '2'],
    ['SORT', 'z', 'BY', 'nosort', 'DESC', 'LIMIT', '1', '2'],
    ['SORT', 'z', 'BY', 'nosort', 'LIMIT', '10', '2'],
    ['SORT', 'z'],
    ['ZADD', 'n', '1', '30', '2', '20', '3', '10'],
    ['SORT', 'n'],
    ['SORT_RO', 'n', 'BY', 'nosort', 'GET', '#'],
    ['ZRANGE', 'n', '0', '-1', 'WITHSCORES'],
  ]);
  if (haveLists) {
    d.case('lists', [
      ['RPUSH', 'l', '3', '1', '2', '1', '10'],
      ['SORT', 'l'],
      ['SORT', 'l', 'DESC'],
      ['SORT', 'l', 'ALPHA'],
      ['SORT', 'l', 'BY', 'nosort'],
      ['SORT', 'l', 'BY', 'nosort', 'DESC'],
      ['SORT', 'l', 'BY', 'nosort', 'LIMIT', '1', '2'],
      ['SORT', 'l', 'BY', 'nosort', 'DESC', 'LIMIT', '1', '2'],
      ['SORT', 'l', 'BY', 'nosort', 'LIMIT', '7', '2'],
      ['SORT', 'l', 'LIMIT', '1', '2', 'STORE', 'l2'],
      ['LRANGE', 'l2', '0', '-1'],
      ['SORT', 'l', 'STORE', 'l'],
      ['LRANGE', 'l', '0', '-1'],
      ['SORT_RO', 'l', 'DESC'],
    ]);
    d.case('store', [
      ['SADD', 's', '1', '2', '3', '4'],
      ['MSET', 'w_1', '30', 'w_2', '10', 'w_3', '20', 'w_4', '5'],
      ['MSET', 'o_1', 'one', 'o_2', 'two', 'o_3', 'three'],
      ['SORT', 's', 'BY', 'nosort', 'GET', 'o_*', 'STORE', 'dst'],
      ['TYPE', 'dst'],
      ['OBJECT', 'ENCODING', 'dst'],
      ['LRANGE', 'dst', '0', '-1'],
      ['SORT', 's', 'BY', 'w_*', 'GET', 'o_*', 'STORE', 'dst'],
      ['LRANGE', 'dst', '0', '-1'],
      ['SORT', 's', 'LIMIT', '0', '0', 'STORE', 'dst'],
      ['EXISTS', 'dst'],
      ['SORT', 's', 'BY', 'w_*', 'STORE', 'dst', 'STORE', 'dst2'],
      ['EXISTS', 'dst'],
      ['LRANGE', 'dst2', '0', '-1'],
      ['SET', 'e', 'x', 'EX', '100'],
      ['SORT', 's', 'STORE', 'e'],
      ['TTL', 'e'],
      ['SADD', 'm', 'b', 'c', 'a'],
      ['SORT', 'm', 'BY', 'nosort', 'STORE', 'dst3'],
      ['LRANGE', 'dst3', '0', '-1'],
    ]);
  }
  d.random('random sorts over integer sets', { steps: 200, gen: genSort });
});

function genSort(r: Rng): Step {
  const key = r.pick(['a', 'b']);
  switch (r.int(0, 5)) {
    case 0:
    case 1:
      return ['SADD', key, String(r.int(-30, 30)), String(r.int(-30, 30))];
    case 2:
      return ['SET', 'w_' + r.int(-30, 30), String(r.int(0, 1000))];
    case 3: {
      const args = ['SORT', key];
      if (r.bool()) args.push('BY', 'w_*');
      if (r.bool(0.3)) args.push('DESC');
      if (r.bool(0.3)) args.push('LIMIT', String(r.int(-1, 5)), String(r.int(-1, 5)));
      if (r.bool(0.3)) args.push('GET', '#', 'GET', 'w_*');
      return args;
    }
    case 4:
      return ['SREM', key, String(r.int(-30, 30))];
    default:
      return ['SORT', key, 'ALPHA', r.pick(['ASC', 'DESC'])];
  }
}
