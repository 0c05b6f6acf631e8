/** Durability and concurrency with real processes (test/cases/processes.case.ts) on SQLite. */
import { describe } from 'vitest';
import { sqlite } from '../test/backends.js';
import { processCases } from '../test/cases/processes.case.js';

describe('processes writing SQLite', () => processCases(sqlite));
