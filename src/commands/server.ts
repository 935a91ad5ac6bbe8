/**
 * Server family (Redis's server.c, config.c, debug.c, slowlog.c commands).
 */
import type { CommandSpec } from './types.js';

export const serverCommands = [] satisfies CommandSpec[];
