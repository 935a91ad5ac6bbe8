/**
 * list family. Filled in by the work on it.
 */
import type { CommandSpec } from './types.js';

export const listCommands = [] satisfies CommandSpec[];
