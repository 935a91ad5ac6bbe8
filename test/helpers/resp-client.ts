/**
 * A raw RESP client for tests: sends commands and returns replies as typed trees, keeping the
 * distinctions real clients blur (status vs bulk, null bulk vs null array, RESP3 types), so the
 * differential harness can require byte-level agreement with redis-server.
 */
import net from 'node:net';

export type Reply =
  | { t: 'simple'; v: string }
  | { t: 'error'; v: string }
  | { t: 'int'; v: string }
  | { t: 'bulk'; v: string }
  | { t: 'nullbulk' }
  | { t: 'nullarray' }
  | { t: 'null' }
  | { t: 'double'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'verbatim'; v: string }
  | { t: 'bignum'; v: string }
  | { t: 'array' | 'set' | 'push'; v: Reply[] }
  | { t: 'map' | 'attr'; v: [Reply, Reply][] };

/** Parses one reply at `pos`; returns [reply, next pos] or null when incomplete. */
export function parseReply(buf: Buffer, pos: number): [Reply, number] | null {
  const eol = buf.indexOf('\r\n', pos, 'latin1');
  if (eol < 0) return null;
  const type = String.fromCharCode(buf[pos]);
  const line = buf.latin1Slice(pos + 1, eol);
  let next = eol + 2;
  const agg = (n: number, t: 'array' | 'set' | 'push'): [Reply, number] | null => {
    const items: Reply[] = [];
    for (let i = 0; i < n; i++) {
      const r = parseReply(buf, next);
      if (!r) return null;
      items.push(r[0]);
      next = r[1];
    }
    return [{ t, v: items }, next];
  };
  switch (type) {
    case '+':
      return [{ t: 'simple', v: line }, next];
    case '-':
      return [{ t: 'error', v: line }, next];
    case ':':
      return [{ t: 'int', v: line }, next];
    case ',':
      return [{ t: 'double', v: line }, next];
    case '#':
      return [{ t: 'bool', v: line === 't' }, next];
    case '(':
      return [{ t: 'bignum', v: line }, next];
    case '_':
      return [{ t: 'null' }, next];
    case '$':
    case '=':
    case '!': {
      const n = Number(line);
      if (n < 0) return [{ t: 'nullbulk' }, next];
      if (buf.length < next + n + 2) return null;
      const v = buf.latin1Slice(next, next + n);
      next += n + 2;
      if (type === '!') return [{ t: 'error', v }, next];
      return [{ t: type === '=' ? 'verbatim' : 'bulk', v }, next];
    }
    case '*': {
      const n = Number(line);
      if (n < 0) return [{ t: 'nullarray' }, next];
      return agg(n, 'array');
    }
    case '~':
      return agg(Number(line), 'set');
    case '>':
      return agg(Number(line), 'push');
    case '%':
    case '|': {
      const n = Number(line);
      const pairs: [Reply, Reply][] = [];
      for (let i = 0; i < n; i++) {
        const k = parseReply(buf, next);
        if (!k) return null;
        const v = parseReply(buf, k[1]);
        if (!v) return null;
        pairs.push([k[0], v[0]]);
        next = v[1];
      }
      return [{ t: type === '%' ? 'map' : 'attr', v: pairs }, next];
    }
    default:
      throw new Error(`bad reply type byte ${JSON.stringify(type)} in ${JSON.stringify(buf.latin1Slice(pos, Math.min(buf.length, pos + 80)))}`);
  }
}

/** Encodes a command as a RESP multibulk request (latin1 arguments). */
export function encodeCommand(args: string[]): Buffer {
  let s = `*${args.length}\r\n`;
  for (const a of args) s += `$${a.length}\r\n${a}\r\n`;
  return Buffer.from(s, 'latin1');
}

export class RespClient {
  private buf: Buffer = Buffer.alloc(0);
  private waiters: Array<{ resolve: (r: Reply) => void; reject: (e: Error) => void }> = [];
  private closedErr: Error | null = null;
  /** Push messages (RESP3 `>`) received out of band. */
  readonly pushes: Reply[] = [];

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => this.onData(d));
    const fail = (e: Error) => {
      this.closedErr = e;
      for (const w of this.waiters.splice(0)) w.reject(e);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
  }

  static connect(port: number, host = '127.0.0.1', timeoutMs = 5000): Promise<RespClient> {
    return new Promise((resolve, reject) => {
      const s = net.connect({ port, host });
      const t = setTimeout(() => {
        s.destroy();
        reject(new Error(`connect to ${host}:${port} timed out`));
      }, timeoutMs);
      s.once('connect', () => {
        clearTimeout(t);
        s.setNoDelay(true);
        resolve(new RespClient(s));
      });
      s.once('error', (e) => {
        clearTimeout(t);
        reject(e);
      });
    });
  }

  private onData(d: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
    let pos = 0;
    for (;;) {
      const r = parseReply(this.buf, pos);
      if (!r) break;
      pos = r[1];
      if (r[0].t === 'push' && this.waiters.length === 0) {
        this.pushes.push(r[0]);
        continue;
      }
      this.waiters.shift()?.resolve(r[0]);
    }
    this.buf = this.buf.subarray(pos);
  }

  /** Sends raw bytes and waits for `replies` replies (default 1). */
  sendRaw(data: Buffer | string, replies = 1, timeoutMs = 10000): Promise<Reply[]> {
    if (this.closedErr) return Promise.reject(this.closedErr);
    const ps: Promise<Reply>[] = [];
    for (let i = 0; i < replies; i++) {
      ps.push(
        new Promise<Reply>((resolve, reject) => {
          const t = setTimeout(() => reject(new Error(`no reply within ${timeoutMs}ms`)), timeoutMs);
          this.waiters.push({
            resolve: (r) => {
              clearTimeout(t);
              resolve(r);
            },
            reject: (e) => {
              clearTimeout(t);
              reject(e);
            },
          });
        }),
      );
    }
    this.socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
    return Promise.all(ps);
  }

  async call(...args: string[]): Promise<Reply> {
    return (await this.sendRaw(encodeCommand(args)))[0];
  }

  /** Resolves when the server closes the connection (bounded). */
  waitClosed(timeoutMs = 5000): Promise<boolean> {
    if (this.closedErr) return Promise.resolve(true);
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), timeoutMs);
      this.socket.once('close', () => {
        clearTimeout(t);
        resolve(true);
      });
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Compact text form of a reply for assertion messages. */
export function showReply(r: Reply): string {
  switch (r.t) {
    case 'array':
    case 'set':
    case 'push':
      return `${r.t}[${r.v.map(showReply).join(', ')}]`;
    case 'map':
    case 'attr':
      return `${r.t}{${r.v.map(([k, v]) => `${showReply(k)}: ${showReply(v)}`).join(', ')}}`;
    case 'nullbulk':
    case 'nullarray':
    case 'null':
      return r.t;
    default:
      return `${r.t}(${JSON.stringify(r.v)})`;
  }
}
