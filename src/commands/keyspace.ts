/**
 * Generic keyspace family (Redis's db.c and expire.c commands).
 */
import type { CommandSpec } from './types.js';

export const keyspaceCommands = [] satisfies CommandSpec[];
