/**
 * ioredis clients for tests: loopback, one attempt per request, and no reconnecting, so a
 * stopped server never keeps a test process alive with retries.
 */
import { Redis, type RedisOptions } from 'ioredis';

export function ioredis(port: number, extra: RedisOptions = {}): Redis {
  return new Redis({ port, host: '127.0.0.1', enableReadyCheck: false, maxRetriesPerRequest: 1, retryStrategy: () => null, ...extra });
}

/** The error text a command's promise rejects with (fails when it resolves). */
export async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error reply');
}
