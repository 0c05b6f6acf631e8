import { describe, expect, it } from 'vitest';
import { createRunId, RUN_ID } from './createRunId.js';

describe('createRunId', () => {
  it('makes ids that sort by time as strings and increase strictly within a millisecond', () => {
    const times = [1, 1000, 1_700_000_000_000, 1_700_000_000_000, 1_700_000_000_001, 4_000_000_000_000];
    const ids = times.map((t) => createRunId(t).id);
    for (const id of ids) expect(id).toMatch(RUN_ID);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('never goes back in time when the clock does', () => {
    const a = createRunId(5_000_000_000_000);
    const b = createRunId(4_999_999_999_000);
    expect(b.id > a.id).toBe(true);
    expect(b.time).toBe(a.time);
  });

  it('gives 10,000 distinct ids in a row', () => {
    const ids = Array.from({ length: 10_000 }, () => createRunId().id);
    expect(new Set(ids).size).toBe(10_000);
  });
});
