/** Durability and concurrency with real processes (test/cases/processes.case.ts) on PostgreSQL. */
import { describe } from 'vitest';
import { postgres } from '../test/backends.js';
import { processCases } from '../test/cases/processes.case.js';

describe('processes writing PostgreSQL', () => processCases(postgres));
