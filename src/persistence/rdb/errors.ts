/** Errors of the RDB codec. */

export type RdbErrorCode =
  | 'BAD_HEADER' // not "REDIS" + 4 digits, or an unsupported version
  | 'TRUNCATED' // input ended in the middle of the file
  | 'CORRUPT' // a structure that cannot be valid
  | 'CHECKSUM' // CRC64 trailer mismatch
  | 'UNSUPPORTED'; // valid RDB that Petrel cannot load (modules, module aux data)

/**
 * A malformed, truncated or unsupported RDB. `offset` is the absolute byte offset in the file
 * where the problem was found (for a nested blob such as a listpack: the offset inside the file
 * of the byte at fault, as far as known).
 */
export class RdbError extends Error {
  override readonly name = 'RdbError';
  constructor(
    readonly code: RdbErrorCode,
    message: string,
    readonly offset: number,
  ) {
    super(`${message} (at byte ${offset})`);
  }
}

/** Errors of a nested blob (listpack, ziplist, intset, zipmap): offset inside the blob. */
export class BlobError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}
