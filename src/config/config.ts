/**
 * Live configuration: typed values of the directives in schema.ts, set from the config file,
 * argv and CONFIG SET through one path ({@link Config.set}), with change listeners so the parts
 * that care (listeners, hz, the replication link) react to CONFIG SET.
 */
import { DIRECTIVES, type Directive, findDirective } from './schema.js';

export type ConfigValue = string | number | boolean | string[];

export class ConfigError extends Error {}

export class Config {
  private values = new Map<string, ConfigValue>();
  private listeners = new Map<string, Array<(v: ConfigValue) => void>>();
  /** Path of the config file the server started with (CONFIG REWRITE target), if any. */
  file: string | null = null;

  constructor() {
    for (const d of DIRECTIVES) this.values.set(d.name, d.default);
  }

  num(name: string): number {
    return this.values.get(name) as number;
  }

  str(name: string): string {
    return this.values.get(name) as string;
  }

  bool(name: string): boolean {
    return this.values.get(name) as boolean;
  }

  list(name: string): string[] {
    return this.values.get(name) as string[];
  }

  raw(name: string): ConfigValue | undefined {
    return this.values.get(name);
  }

  /**
   * Sets a directive from its textual arguments (one word for most directives; several for
   * list-like ones such as `save` or `bind`). `startup` allows immutable directives.
   * Throws ConfigError with Redis's wording on a bad value.
   */
  set(name: string, args: string[], startup: boolean): void {
    const d = findDirective(name);
    if (!d) throw new ConfigError(`Bad directive or wrong number of arguments`);
    if (!startup && !d.mutable) throw new ConfigError(`can't set immutable config`);
    const v = parseValue(d, args);
    this.values.set(d.name, v);
    for (const fn of this.listeners.get(d.name) ?? []) fn(v);
  }

  onChange(name: string, fn: (v: ConfigValue) => void): void {
    const arr = this.listeners.get(name) ?? [];
    arr.push(fn);
    this.listeners.set(name, arr);
  }
}

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1000,
  kb: 1024,
  m: 1000 * 1000,
  mb: 1024 * 1024,
  g: 1000 * 1000 * 1000,
  gb: 1024 * 1024 * 1024,
};

/** Redis's memtoull: "1gb" -> 1073741824, "100k" -> 100000; null when malformed. */
export function parseMemory(s: string): number | null {
  const m = /^(-?\d+)([a-zA-Z]*)$/.exec(s);
  if (!m) return null;
  const mul = UNITS[m[2].toLowerCase()];
  if (mul === undefined) return null;
  return Number(m[1]) * mul;
}

function parseValue(d: Directive, args: string[]): ConfigValue {
  const a = args[0] ?? '';
  switch (d.type) {
    case 'bool': {
      const l = a.toLowerCase();
      if (l === 'yes') return true;
      if (l === 'no') return false;
      throw new ConfigError(`argument must be 'yes' or 'no'`);
    }
    case 'int': {
      if (!/^-?\d+$/.test(a)) throw new ConfigError('argument couldn\'t be parsed into an integer');
      const n = Number(a);
      if (d.min !== undefined && n < d.min) throw new ConfigError(`argument must be between ${d.min} and ${d.max} inclusive`);
      if (d.max !== undefined && n > d.max) throw new ConfigError(`argument must be between ${d.min} and ${d.max} inclusive`);
      return n;
    }
    case 'memory': {
      const n = parseMemory(a);
      if (n === null) throw new ConfigError('argument must be a memory value');
      return n;
    }
    case 'enum': {
      const l = a.toLowerCase();
      if (!d.values!.includes(l)) throw new ConfigError(`argument(s) must be one of the following: ${d.values!.join(', ')}`);
      return l;
    }
    case 'string':
      return a;
    case 'list':
      return args.slice();
  }
}
