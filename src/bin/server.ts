/**
 * petrel-server entry point: argv -> config, start the listeners, handle signals.
 */
import { Config, ConfigError } from '../config/config.js';
import { Server, PETREL_VERSION, REDIS_COMPAT_VERSION } from '../server/server.js';
import { logger } from '../server/log.js';

function parseArgs(argv: string[], config: Config): void {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new ConfigError(`unexpected argument '${a}'`);
    const name = a.slice(2);
    const args: string[] = [];
    while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) args.push(argv[++i]);
    config.set(name, args, true);
  }
}

async function main(): Promise<void> {
  const config = new Config();
  try {
    parseArgs(process.argv.slice(2), config);
  } catch (e) {
    process.stderr.write(`\n*** FATAL CONFIG FILE ERROR (Redis ${REDIS_COMPAT_VERSION}) ***\n>>> ${(e as Error).message}\n`);
    process.exit(1);
  }
  logger.level = config.str('loglevel') as typeof logger.level;
  logger.role = 'C';
  logger.warning('oO0OoO0OoO0Oo Petrel is starting oO0OoO0OoO0Oo');
  logger.warning(`Petrel version=${PETREL_VERSION}, redis_version=${REDIS_COMPAT_VERSION}, bits=64, pid=${process.pid}, just started`);
  logger.role = 'M';
  const server = new Server(config);
  try {
    await server.listen();
  } catch (e) {
    logger.warning((e as Error).message);
    process.exit(1);
  }
  logger.notice(`Running mode=standalone, port=${config.num('port')}, PID: ${process.pid}`);
  logger.warning('Server initialized');
  server.startCron();
  logger.notice('Ready to accept connections tcp');
  const stop = (sig: string) => {
    logger.warning(`Received ${sig} scheduling shutdown...`);
    void server.shutdown().then(() => {
      logger.warning('Petrel is now ready to exit, bye bye...');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
