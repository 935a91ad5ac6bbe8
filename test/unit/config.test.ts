/**
 * The config parser: directive values and units, redis.conf lines (quoting, include, repeated
 * save), the command line as redis-server turns it into config lines, errors, CONFIG SET's
 * all-or-nothing rule and CONFIG REWRITE's rules.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Config, ConfigError, parseMemory, normalizeNotifyFlags } from '../../src/config/config.js';
import { FatalConfigError, loadConfigText, loadStartupConfig, parseCommandLine } from '../../src/config/parse.js';
import { formatMemory, rewriteContent } from '../../src/config/rewrite.js';
import { DIRECTIVES, findDirective } from '../../src/config/schema.js';

function load(text: string): Config {
  const c = new Config();
  loadConfigText(text, c);
  return c;
}

function fatalOf(text: string): FatalConfigError {
  try {
    load(text);
  } catch (e) {
    assert.ok(e instanceof FatalConfigError, String(e));
    return e;
  }
  assert.fail('expected a fatal config error');
}

describe('config values', () => {
  it('has every default as CONFIG GET prints it', () => {
    const c = new Config();
    assert.equal(c.getText('maxmemory'), '0');
    assert.equal(c.getText('save'), '3600 1 300 100 60 10000');
    assert.equal(c.getText('client-output-buffer-limit'), 'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60');
    assert.equal(c.getText('proto-max-bulk-len'), '536870912');
    assert.equal(c.getText('unixsocketperm'), '0');
    assert.equal(c.getText('oom-score-adj-values'), '0 200 800');
    assert.equal(c.getText('latency-tracking-info-percentiles'), '50 99 99.9');
    assert.equal(c.getText('slave-read-only'), 'yes');
    assert.equal(c.getText('dir'), process.cwd());
    assert.equal(c.num('port'), 6379);
    assert.deepEqual(c.list('bind'), ['127.0.0.1', '-::1']);
  });

  it('has no duplicate names or aliases', () => {
    const seen = new Set<string>();
    for (const d of DIRECTIVES) {
      for (const n of [d.name, ...(d.aliases ?? []), ...(d.dragonfly ?? [])]) {
        assert.ok(!seen.has(n), `duplicate ${n}`);
        seen.add(n);
      }
    }
  });

  it('parses memory units like memtoull', () => {
    assert.equal(parseMemory('1k'), 1000);
    assert.equal(parseMemory('1kb'), 1024);
    assert.equal(parseMemory('1KB'), 1024);
    assert.equal(parseMemory('1m'), 1000000);
    assert.equal(parseMemory('1mb'), 1048576);
    assert.equal(parseMemory('1g'), 1e9);
    assert.equal(parseMemory('1gb'), 1073741824);
    assert.equal(parseMemory('5'), 5);
    assert.equal(parseMemory('1.5mb'), null);
    assert.equal(parseMemory('-1'), null);
    assert.equal(parseMemory('1tb'), null);
    const c = load('maxmemory 2gb\nrepl-backlog-size 10mb\n');
    assert.equal(c.getText('maxmemory'), '2147483648');
    assert.equal(c.num('repl-backlog-size'), 10 * 1024 * 1024);
    assert.equal(formatMemory(2147483648), '2gb');
    assert.equal(formatMemory(1536), '1536');
    assert.equal(formatMemory(3072), '3kb');
  });

  it('checks bools, integers, enums and bounds with Redis wording', () => {
    const c = new Config();
    assert.throws(() => c.set('appendonly', ['maybe'], true), { message: "argument must be 'yes' or 'no'" });
    assert.throws(() => c.set('hz', ['05'], true), { message: "argument couldn't be parsed into an integer" });
    assert.throws(() => c.set('port', ['70000'], true), { message: 'argument must be between 0 and 65535 inclusive' });
    assert.throws(() => c.set('maxmemory-policy', ['lru'], true), /argument\(s\) must be one of the following: volatile-lru, /);
    assert.throws(() => c.set('nosuch', ['1'], true), ConfigError);
    c.set('APPENDONLY', ['YES'], true);
    assert.equal(c.bool('appendonly'), true);
    c.set('hz', ['1000'], true);
    assert.equal(c.num('hz'), 500, 'hz is capped to 500 as Redis does');
    c.set('slowlog-max-len', ['9223372036854775807'], true);
    assert.equal(c.getText('slowlog-max-len'), '9223372036854775807');
    c.set('unixsocketperm', ['700'], true);
    assert.equal(c.num('unixsocketperm'), 0o700);
    assert.equal(c.getText('unixsocketperm'), '700');
  });

  it('handles the special directives', () => {
    const c = new Config();
    c.set('notify-keyspace-events', ['KEA'], true);
    assert.equal(c.getText('notify-keyspace-events'), 'AKE');
    assert.equal(normalizeNotifyFlags('Ex$'), '$xE');
    assert.equal(normalizeNotifyFlags('Q'), null);
    c.set('client-output-buffer-limit', ['replica', '1mb', '2mb', '3'], true);
    assert.equal(c.getText('client-output-buffer-limit'), 'normal 0 0 0 slave 1048576 2097152 3 pubsub 33554432 8388608 60');
    assert.throws(() => c.set('client-output-buffer-limit', ['master', '1', '1', '1'], true), /Invalid client class/);
    c.set('slaveof', ['10.0.0.1', '6380'], true);
    assert.equal(c.getText('replicaof'), '10.0.0.1 6380');
    c.set('replicaof', ['no', 'one'], true);
    assert.equal(c.getText('replicaof'), '');
    c.set('replicaof', ['h.example:7000'], true); // Dragonfly's host:port
    assert.deepEqual(c.list('replicaof'), ['h.example', '7000']);
    assert.throws(() => c.set('replicaof', ['h', 'x'], true), { message: 'Invalid master port' });
    c.set('oom-score-adj', ['relative'], true);
    assert.equal(c.getText('oom-score-adj'), 'yes');
    c.set('shutdown-on-sigterm', ['now', 'nosave'], true);
    assert.equal(c.getText('shutdown-on-sigterm'), 'nosave now');
    c.set('maxmemory-clients', ['10%'], true);
    assert.equal(c.getText('maxmemory-clients'), '10%');
    c.set('bind', ['127.0.0.1', '::1'], true);
    assert.deepEqual(c.list('bind'), ['127.0.0.1', '::1']);
  });

  it('accepts Dragonfly spellings', () => {
    const c = new Config();
    c.set('tls_replication', ['true'], true);
    c.set('tls_key_file', ['/k.pem'], true);
    c.set('admin_port', ['6380'], true);
    c.set('no_tls_on_admin_port', ['1'], true);
    assert.equal(c.bool('tls-replication'), true);
    assert.equal(c.str('tls-key-file'), '/k.pem');
    assert.equal(c.num('admin-port'), 6380);
    assert.equal(c.bool('no-tls-on-admin-port'), true);
    assert.ok(findDirective('tls_ca_cert_file'));
    assert.ok(findDirective('admin_bind'));
  });
});

describe('config file lines', () => {
  it('splits with sdssplitargs quoting and skips comments', () => {
    const c = load('# comment\n   \nrequirepass "a b\\x41\\n"\nmasterauth \'it\\\'s\'\r\nloglevel   warning   \n');
    assert.equal(c.str('requirepass'), 'a bA\n');
    assert.equal(c.str('masterauth'), "it's");
    assert.equal(c.str('loglevel'), 'warning');
  });

  it('accumulates save lines in a file; save "" clears', () => {
    assert.equal(load('save 900 1\nsave 300 10\n').getText('save'), '900 1 300 10');
    assert.equal(load('save 900 1\nsave ""\n').getText('save'), '');
    assert.equal(load('save ""\nsave 60 5\n').getText('save'), '60 5');
    assert.equal(load('port 1\n').getText('save'), '3600 1 300 100 60 10000');
  });

  it('repeated directives: the last wins', () => {
    assert.equal(load('port 1000\nport 2000\n').num('port'), 2000);
  });

  it('reports errors like Redis', () => {
    const e = fatalOf('port 7000\nfoo bar\n');
    assert.equal(e.report('7.0.15'), "\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line 2\n>>> 'foo bar'\nBad directive or wrong number of arguments\n");
    assert.equal(fatalOf('maxmemory 1 2').message, 'wrong number of arguments');
    assert.equal(fatalOf('hz x').message, "argument couldn't be parsed into an integer");
    assert.equal(fatalOf('requirepass "abc').message, 'Unbalanced quotes in configuration line');
    assert.equal(fatalOf('sentinel monitor m 127.0.0.1 6379 2').message, 'sentinel directive while not in sentinel mode');
    assert.match(fatalOf('loadmodule /x.so').message, /modules/);
    assert.equal(fatalOf('save 0 1').message, 'Invalid save parameters');
  });

  it('accepts include, user, rename-command and deprecated directives', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'petrel-cfg-'));
    const cwd = process.cwd();
    try {
      writeFileSync(path.join(dir, 'inc.conf'), 'hz 42\nsave 10 1\n');
      mkdirSync(path.join(dir, 'conf.d'));
      writeFileSync(path.join(dir, 'conf.d', 'a.conf'), 'databases 4\n');
      writeFileSync(path.join(dir, 'conf.d', 'b.conf'), 'databases 5\n');
      process.chdir(dir); // include paths are relative to the current directory, as in Redis
      const c = new Config();
      const res = loadConfigText('save 20 2\ninclude inc.conf\ninclude conf.d/*.conf\ninclude empty.d/*.conf\nuser alice on >pw ~* +@all\nrename-command FLUSHALL ""\nlist-max-ziplist-entries 5\n', c);
      assert.equal(c.num('hz'), 42);
      assert.equal(c.getText('save'), '20 2 10 1');
      assert.equal(c.num('databases'), 5);
      assert.deepEqual(c.users, [['alice', 'on', '>pw', '~*', '+@all']]);
      assert.deepEqual(res.renames.map((r) => [r.from, r.to]), [['FLUSHALL', '']]);
      assert.throws(() => loadConfigText('include missing.conf', new Config()), /can't open config file 'missing.conf'/);
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('command line', () => {
  const opts = (...a: string[]) => parseCommandLine(a).options;
  it('turns options into config lines like redis-server', () => {
    assert.equal(opts('--port', '7000', '--bind', 'a', 'b'), 'port "7000" \nbind "a" "b" ');
    assert.equal(opts('--save', '--port', '1'), 'save ""\nport "1" ');
    assert.equal(opts('--port', '1', '--save'), 'port "1" \nsave ""');
    assert.equal(opts('--save', ''), 'save "" ');
    assert.equal(opts('--hz', '--foo'), 'hz "--foo" ');
    assert.equal(opts('--port 7000', '--hz', '5'), 'port 7000 \nhz "5" ');
  });

  it('takes the config file, stdin, version and help', () => {
    assert.deepEqual(parseCommandLine(['/etc/r.conf', '--port', '1']).configFile, '/etc/r.conf');
    assert.equal(parseCommandLine(['-']).fromStdin, true);
    assert.equal(parseCommandLine(['r.conf', '--hz', '5', '-']).fromStdin, true);
    assert.equal(parseCommandLine(['--version']).action, 'version');
    assert.equal(parseCommandLine(['-v']).action, 'version');
    assert.equal(parseCommandLine(['-h']).action, 'help');
    assert.equal(parseCommandLine(['--port', '1', '--sentinel']).action, 'sentinel');
  });

  it('accepts --name=value and bare boolean flags (Dragonfly style)', () => {
    assert.equal(opts('--port=7000', '--tls_replication=true'), 'port "7000" \ntls_replication "true" ');
    assert.equal(opts('--tls', '--port', '1'), 'tls yes\nport "1" ');
    assert.equal(opts('--port', '1', '--tls'), 'port "1" \ntls yes');
    const c = new Config();
    loadStartupConfig(parseCommandLine(['--port=7001', '--admin_port=7002', '--tls_replication=true', '--replicaof=h:7003']), c, () => '');
    assert.equal(c.num('port'), 7001);
    assert.equal(c.num('admin-port'), 7002);
    assert.equal(c.bool('tls-replication'), true);
    assert.deepEqual(c.list('replicaof'), ['h', '7003']);
  });

  it('numbers lines across file and options', () => {
    const c = new Config();
    try {
      loadStartupConfig(parseCommandLine(['--port', '7000', '--foo', 'bar']), c, () => '');
      assert.fail('expected an error');
    } catch (e) {
      assert.ok(e instanceof FatalConfigError);
      assert.equal(e.line, 3);
      assert.equal(e.text, 'foo "bar"');
    }
  });
});

describe('CONFIG SET', () => {
  it('is all or nothing', () => {
    const c = new Config();
    assert.equal(c.setMany([['hz', '20'], ['maxmemory', 'x']], false), "CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value");
    assert.equal(c.num('hz'), 10);
    assert.equal(c.setMany([['hz', '20'], ['foo', '1']], false), "Unknown option or number of arguments for CONFIG SET - 'foo'");
    assert.equal(c.setMany([['hz', '20'], ['databases', '1']], false), "CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config");
    assert.equal(c.setMany([['hz', '1'], ['HZ', '2']], false), "CONFIG SET failed (possibly related to argument 'HZ') - duplicate parameter");
    assert.equal(c.setMany([['dir', '/tmp']], false), "CONFIG SET failed (possibly related to argument 'dir') - can't set protected config");
    const changed: string[] = [];
    assert.equal(c.setMany([['hz', '20'], ['save', '10 1 20 2'], ['maxmemory', '1mb']], false, changed), null);
    assert.deepEqual(changed.sort(), ['hz', 'maxmemory', 'save']);
    assert.equal(c.getText('save'), '10 1 20 2');
    assert.equal(c.getText('maxmemory'), '1048576');
  });

  it('restores every value when a listener refuses', () => {
    const c = new Config();
    c.onChange('maxclients', () => {
      throw new Error('no more descriptors');
    });
    const seen: unknown[] = [];
    c.onChange('hz', (v) => seen.push(v));
    assert.match(c.setMany([['hz', '20'], ['maxclients', '5']], false)!, /no more descriptors/);
    assert.equal(c.num('hz'), 10);
    assert.equal(c.num('maxclients'), 10000);
    assert.deepEqual(seen, [20, 10]);
  });
});

describe('CONFIG REWRITE', () => {
  it('keeps comments, replaces lines in place, appends non-defaults, blanks orphans', () => {
    const c = new Config();
    const old = '# my redis\nport 6379\nslave-read-only yes\nsave 900 1\nsave 300 10\nbogus-directive 1\ninclude /x.conf\n\n\n# end\n';
    loadConfigText('port 7000\nsave 900 1\nsave 300 10\n', c);
    c.setMany([['save', '60 1'], ['maxmemory', '2mb'], ['replica-read-only', 'no']], true);
    const out = rewriteContent(old, c);
    const lines = out.split('\n');
    assert.equal(lines[0], '# my redis');
    assert.equal(lines[1], 'port 7000');
    assert.equal(lines[2], 'replica-read-only no');
    assert.equal(lines[3], 'save 60 1');
    assert.ok(lines.includes('# ??? bogus-directive 1'));
    assert.ok(lines.includes('include /x.conf'));
    const sig = lines.indexOf('# Generated by CONFIG REWRITE');
    assert.ok(sig > lines.indexOf('# end'));
    assert.ok(lines.slice(sig).includes('maxmemory 2mb'));
    assert.ok(lines.slice(sig).some((l) => l.startsWith('dir "')));
    assert.ok(!out.includes('hz '), 'defaults are not written');
    assert.ok(!out.includes('\n\n\n'), 'blank runs collapse');
    // Rewriting again is stable.
    assert.equal(rewriteContent(out, c), out);
  });

  it('reloads to the same values', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'petrel-rw-'));
    try {
      const c = new Config();
      c.setMany([['maxmemory', '3gb'], ['notify-keyspace-events', 'Ex'], ['client-output-buffer-limit', 'pubsub 64mb 16mb 90'], ['requirepass', 'p w"x']], true);
      const file = path.join(dir, 'r.conf');
      writeFileSync(file, rewriteContent('', c));
      const back = load(readFileSync(file, 'latin1'));
      for (const n of ['maxmemory', 'notify-keyspace-events', 'client-output-buffer-limit', 'requirepass', 'save']) {
        assert.equal(back.getText(n), c.getText(n), n);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
