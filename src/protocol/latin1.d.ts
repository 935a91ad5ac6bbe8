// Node's Buffer has fast latin1 slice/write methods that @types/node does not declare. They are
// what toString('latin1') and write(s, o, 'latin1') call after argument checks; the hot path uses
// them directly. Present in every Node.js release we support (>= 20).
declare module 'buffer' {
  interface Buffer {
    latin1Slice(start: number, end: number): string;
    latin1Write(s: string, offset: number, length?: number): number;
  }
}
export {};
