/**
 * Logging in Redis's line format, `<pid>:<role> <dd Mon yyyy HH:MM:SS.mmm> <level> <message>`,
 * with Redis's level characters: '.' debug, '-' verbose, '*' notice, '#' warning.
 */
import { appendFileSync } from 'node:fs';

export type LogLevel = 'debug' | 'verbose' | 'notice' | 'warning' | 'nothing';
const RANK: Record<LogLevel, number> = { debug: 0, verbose: 1, notice: 2, warning: 3, nothing: 4 };
const CHAR: Record<Exclude<LogLevel, 'nothing'>, string> = { debug: '.', verbose: '-', notice: '*', warning: '#' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const p2 = (n: number) => (n < 10 ? '0' : '') + n;

export class Logger {
  level: LogLevel = 'notice';
  /** Empty = standard output, as Redis's `logfile ""`. */
  file = '';
  /** 'M' master, 'S' replica, 'C' child, 'X' sentinel. */
  role = 'M';

  log(level: Exclude<LogLevel, 'nothing'>, msg: string): void {
    if (RANK[level] < RANK[this.level]) return;
    const d = new Date();
    const ts = `${p2(d.getDate())} ${MONTHS[d.getMonth()]} ${d.getFullYear()} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
    const line = `${process.pid}:${this.role} ${ts} ${CHAR[level]} ${msg}\n`;
    if (this.file) {
      try {
        appendFileSync(this.file, line);
        return;
      } catch {
        // Fall through to stdout so the message is not lost.
      }
    }
    process.stdout.write(line);
  }

  debug(msg: string): void {
    this.log('debug', msg);
  }
  verbose(msg: string): void {
    this.log('verbose', msg);
  }
  notice(msg: string): void {
    this.log('notice', msg);
  }
  warning(msg: string): void {
    this.log('warning', msg);
  }
}

export const logger = new Logger();
