import { differential } from '../helpers/differential.js';

/**
 * ACL replies compared with redis-server 7.0. Each case deletes the users it made, since users
 * outlive the per-case FLUSHALL. Rule sets stay where Redis 7.0's description is deterministic
 * (its order of single commands follows its hash table).
 */
differential('acl', (d) => {
  d.case('setuser and getuser', [
    ['ACL', 'SETUSER', 'alice', 'on', '>pw', '~foo*', '%R~r*', '%W~w*', '&ch*', '+get'],
    ['ACL', 'GETUSER', 'alice'],
    ['ACL', 'SETUSER', 'bob', 'on', 'nopass', '+@all', '-@admin'],
    ['ACL', 'GETUSER', 'bob'],
    ['ACL', 'SETUSER', 'carol', 'reset', '+@all', '-@dangerous', '-@admin', 'allkeys', 'allchannels'],
    ['ACL', 'GETUSER', 'carol'],
    ['ACL', 'SETUSER', 'dave', '-@all', '+@admin', '+@dangerous', '(~x* +@string)', '(%W~w* +set)'],
    ['ACL', 'GETUSER', 'dave'],
    ['ACL', 'LIST'],
    ['ACL', 'USERS'],
    ['ACL', 'GETUSER', 'nosuch'],
    ['ACL', 'DELUSER', 'alice', 'bob', 'carol', 'dave', 'nosuch'],
    ['ACL', 'DELUSER', 'default'],
    ['ACL', 'LIST'],
  ]);
  d.case('setuser errors', [
    ['ACL', 'SETUSER', 'x', '+nosuch'],
    ['ACL', 'SETUSER', 'x', '+@nosuch'],
    ['ACL', 'SETUSER', 'x', 'bogus'],
    ['ACL', 'SETUSER', 'x', '#abc'],
    ['ACL', 'SETUSER', 'x', '<nope'],
    ['ACL', 'SETUSER', 'x', 'allkeys', '~a'],
    ['ACL', 'SETUSER', 'x', 'allchannels', '&a'],
    ['ACL', 'SETUSER', 'x', '(~a', '+get'],
    ['ACL', 'SETUSER', 'x', '%X~a'],
    ['ACL', 'SETUSER', 'a b'],
    ['ACL', 'USERS'],
  ]);
  d.case('permissions and dryrun', [
    ['ACL', 'SETUSER', 'ro', 'on', '>pw', '+@read', '~*'],
    ['ACL', 'SETUSER', 'ch', 'on', 'nopass', '&a*', '+publish', '+subscribe', '~k*', '+set', '+get', '+mget'],
    ['ACL', 'DRYRUN', 'ro', 'set', 'a', 'b'],
    ['ACL', 'DRYRUN', 'ro', 'get', 'a'],
    ['ACL', 'DRYRUN', 'ch', 'get', 'z'],
    ['ACL', 'DRYRUN', 'ch', 'mget', 'k1', 'z'],
    ['ACL', 'DRYRUN', 'ch', 'publish', 'zz', 'x'],
    ['ACL', 'DRYRUN', 'ch', 'publish', 'a1', 'x'],
    ['ACL', 'DRYRUN', 'nouser', 'get', 'a'],
    ['ACL', 'DRYRUN', 'ro', 'nocmd'],
    ['ACL', 'DRYRUN', 'ro', 'get'],
    ['AUTH', 'ch', 'x'],
    ['ACL', 'WHOAMI'],
    ['GET', 'z'],
    ['MGET', 'k1', 'z'],
    ['PUBLISH', 'b', 'x'],
    ['PUBLISH', 'a1', 'x'],
    ['DEL', 'k1'],
    ['AUTH', 'ro', 'bad'],
    ['AUTH', 'nouser', 'x'],
    ['AUTH', 'ro', 'pw'],
    ['SET', 'a', 'b'],
    ['ACL', 'WHOAMI'],
    ['AUTH', 'default', 'anything'],
    ['ACL', 'DELUSER', 'ro', 'ch'],
  ]);
  d.case('cat, genpass, log, help, files', [
    ['ACL', 'CAT'],
    ['ACL', 'CAT', 'nope'],
    ['ACL', 'GENPASS', '0'],
    ['ACL', 'GENPASS', '4097'],
    ['ACL', 'GENPASS', 'x'],
    { args: ['ACL', 'GENPASS'], compare: 'type' },
    { args: ['ACL', 'GENPASS', '5'], compare: 'type' },
    ['ACL', 'LOG', 'RESET'],
    ['ACL', 'LOG'],
    ['ACL', 'LOG', 'x'],
    ['ACL', 'LOG', '1', '2'],
    ['ACL', 'SAVE'],
    ['ACL', 'LOAD'],
    ['ACL', 'HELP'],
    ['ACL', 'NOSUCH'],
    ['AUTH', 'onlypass'],
  ]);
});
