/**
 * petrel-server entry point, with redis-server's start-up rules:
 *   petrel-server [/path/to/redis.conf] [--directive value ...] [-]
 * The config file is read first, then standard input (`-`), then the command line options as
 * config lines; a bad line is fatal with Redis's report and exit code 1. Then the listeners
 * open, the pidfile is written, and SIGTERM/SIGINT shut down cleanly (exit 0).
 *
 * `daemonize yes` is accepted but Petrel stays in the foreground (Node.js cannot fork): a
 * warning says so, and a process supervisor (systemd Type=simple) should run it instead.
 */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { Config } from '../config/config.js';
import { FatalConfigError, FatalStartupError, loadStartupConfig, parseCommandLine, type RenameCommand } from '../config/parse.js';
import { Server, PETREL_VERSION, REDIS_COMPAT_VERSION } from '../server/server.js';
import { logger, type LogLevel } from '../server/log.js';
import { loadStartupUsers } from '../commands/acl.js';

const USAGE = `Usage: petrel-server [/path/to/redis.conf] [options] [-]
       petrel-server - (read config from stdin)
       petrel-server -v or --version
       petrel-server -h or --help

Examples:
       petrel-server (run the server with default conf)
       echo 'maxmemory 128mb' | petrel-server -
       petrel-server /etc/redis/6379.conf
       petrel-server --port 7777
       petrel-server --port 7777 --replicaof 127.0.0.1 8888
       petrel-server /etc/myredis.conf --loglevel verbose -
       petrel-server /etc/myredis.conf --loglevel verbose
       petrel-server --port=7777 --tls_replication=true   (Dragonfly-style flags)

Petrel reads redis.conf files and directives of Redis ${REDIS_COMPAT_VERSION}. Sentinel mode is not
provided: run redis-sentinel next to Petrel.
`;

function fatal(e: FatalConfigError): never {
  process.stderr.write(e.report(REDIS_COMPAT_VERSION));
  process.exit(1);
}

/** Applies rename-command lines to the command table (an empty target removes the command). */
function applyRenames(server: Server, renames: RenameCommand[]): void {
  const cmds = server.table.commands;
  for (const r of renames) {
    const from = r.from.toLowerCase();
    const e = cmds.get(from);
    if (!e) fatal(new FatalConfigError('No such command in rename-command', r.line, r.text));
    cmds.delete(from);
    if (r.to !== '') {
      const to = r.to.toLowerCase();
      if (cmds.has(to)) fatal(new FatalConfigError('Target command name already exists', r.line, r.text));
      cmds.set(to, e);
    }
    logger.notice(`rename-command: '${r.from}' is now ${r.to === '' ? 'disabled' : `'${r.to}'`}`);
  }
}

async function main(): Promise<void> {
  const cl = parseCommandLine(process.argv.slice(2));
  if (cl.action === 'version') {
    process.stdout.write(`Petrel server v=${PETREL_VERSION} (redis_version=${REDIS_COMPAT_VERSION}) node=${process.version} bits=64\n`);
    process.exit(0);
  }
  if (cl.action === 'help') {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  if (cl.action === 'sentinel') {
    process.stderr.write('Petrel does not provide Sentinel mode (--sentinel): run redis-sentinel to monitor Petrel.\n');
    process.exit(1);
  }

  const config = new Config();
  let renames: RenameCommand[] = [];
  logger.role = 'C';
  try {
    renames = loadStartupConfig(cl, config, () => {
      logger.warning('Reading config from stdin');
      return readFileSync(0, 'latin1');
    }).renames;
  } catch (e) {
    if (e instanceof FatalConfigError) fatal(e);
    if (e instanceof FatalStartupError) {
      logger.warning(e.message);
      process.exit(1);
    }
    throw e;
  }
  logger.level = config.str('loglevel') as LogLevel;
  logger.file = config.str('logfile');
  config.onChange('loglevel', (v) => (logger.level = v as LogLevel));

  const server = new Server(config);
  applyRenames(server, renames);
  const aclErrors = loadStartupUsers(server);
  if (aclErrors !== null) {
    for (const line of aclErrors) logger.warning(line);
    process.exit(1);
  }

  logger.warning('oO0OoO0OoO0Oo Petrel is starting oO0OoO0OoO0Oo');
  logger.warning(`Petrel version=${PETREL_VERSION}, redis_version=${REDIS_COMPAT_VERSION}, bits=64, pid=${process.pid}, just started`);
  if (cl.configFile === null && !cl.fromStdin) {
    logger.warning('Warning: no config file specified, using the default config. In order to specify a config file use petrel-server /path/to/redis.conf');
  } else {
    logger.warning('Configuration loaded');
  }
  if (config.bool('daemonize')) {
    logger.warning('WARNING daemonize yes is not supported: Node.js cannot fork, so Petrel keeps running in the foreground. Use a supervisor (systemd Type=simple) instead.');
  }
  for (const u of config.users) logger.verbose(`ACL user directive stored: user ${u[0]}`);

  logger.role = 'M';
  try {
    await server.listen();
  } catch (e) {
    logger.warning((e as Error).message);
    process.exit(1);
  }

  const pidfile = config.str('pidfile');
  let pidWritten = false;
  if (pidfile !== '') {
    try {
      writeFileSync(pidfile, `${process.pid}\n`);
      pidWritten = true;
    } catch (e) {
      logger.warning(`Failed to write PID file: ${(e as Error).message}`);
    }
  }
  const removePidfile = () => {
    if (!pidWritten) return;
    pidWritten = false;
    try {
      unlinkSync(pidfile);
    } catch {
      // already gone
    }
  };
  process.on('exit', removePidfile);

  logger.notice(`Running mode=standalone, port=${config.num('port')}, PID: ${process.pid}`);
  logger.warning('Server initialized');
  // Redis's loadDataFromDisk: the listeners are open meanwhile and answer LOADING.
  try {
    await server.persistence.loadAtStartup();
  } catch (e) {
    logger.warning((e as Error).message);
    logger.warning('Terminating server after rdb file reading failure.');
    process.exit(1);
  }
  server.startCron();
  logger.notice('Ready to accept connections');

  let stopping = false;
  const stop = (sig: string) => {
    if (stopping) return;
    stopping = true;
    logger.warning(`Received ${sig} scheduling shutdown...`);
    if (!server.prepareShutdown(server.persistence.signalFlags(sig as 'SIGTERM' | 'SIGINT'))) {
      // As Redis: a failed final save keeps the server running.
      logger.warning(`${sig} received but errors trying to shut down the server, check the logs for more information`);
      stopping = false;
      return;
    }
    void server.shutdown().then(() => {
      removePidfile();
      logger.warning('Petrel is now ready to exit, bye bye...');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
