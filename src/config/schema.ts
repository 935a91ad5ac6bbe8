/**
 * The one table of configuration directives: Redis 7.0's names, types and defaults.
 */

export interface Directive {
  readonly name: string;
  readonly type: 'bool' | 'int' | 'memory' | 'string' | 'enum' | 'list';
  readonly default: string | number | boolean | string[];
  readonly mutable: boolean;
  readonly aliases?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly values?: readonly string[];
}

export const DIRECTIVES: readonly Directive[] = [
  { name: 'port', type: 'int', default: 6379, mutable: true, min: 0, max: 65535 },
  { name: 'bind', type: 'list', default: ['127.0.0.1', '-::1'], mutable: true },
  { name: 'protected-mode', type: 'bool', default: true, mutable: true },
  { name: 'databases', type: 'int', default: 16, mutable: false, min: 1, max: 2147483647 },
  { name: 'hz', type: 'int', default: 10, mutable: true, min: 0, max: 2147483647 },
  { name: 'proto-max-bulk-len', type: 'memory', default: 512 * 1024 * 1024, mutable: true, min: 1024 },
  { name: 'client-query-buffer-limit', type: 'memory', default: 1024 * 1024 * 1024, mutable: true, min: 1024 * 1024 },
  { name: 'loglevel', type: 'enum', default: 'notice', mutable: true, values: ['debug', 'verbose', 'notice', 'warning', 'nothing'] },
  { name: 'logfile', type: 'string', default: '', mutable: false },
  { name: 'dir', type: 'string', default: '', mutable: true },
  { name: 'maxclients', type: 'int', default: 10000, mutable: true, min: 1 },
  { name: 'timeout', type: 'int', default: 0, mutable: true, min: 0 },
  { name: 'tcp-keepalive', type: 'int', default: 300, mutable: true, min: 0 },
  { name: 'slowlog-log-slower-than', type: 'int', default: 10000, mutable: true },
  { name: 'slowlog-max-len', type: 'int', default: 128, mutable: true, min: 0 },
  { name: 'requirepass', type: 'string', default: '', mutable: true },
  { name: 'enable-debug-command', type: 'enum', default: 'no', mutable: false, values: ['no', 'yes', 'local'] },
];

const byName = new Map<string, Directive>();
for (const d of DIRECTIVES) {
  byName.set(d.name, d);
  for (const a of d.aliases ?? []) byName.set(a, d);
}

export function findDirective(name: string): Directive | undefined {
  return byName.get(name.toLowerCase());
}
