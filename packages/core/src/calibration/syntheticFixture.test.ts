import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCalibrationRows } from '../index.js';

const dir = new URL('./__fixtures__/', import.meta.url);

describe('__fixtures__/overconfident.synthetic.jsonl', () => {
  it('is exactly what its documented generator writes, and parses', () => {
    const generated = spawnSync(process.execPath, [fileURLToPath(new URL('makeOverconfident.mjs', dir))], {
      encoding: 'utf8',
    });
    expect(generated.status).toBe(0);
    const checkedIn = readFileSync(new URL('overconfident.synthetic.jsonl', dir), 'utf8');
    expect(generated.stdout).toBe(checkedIn);
    expect(parseCalibrationRows(checkedIn)).toHaveLength(300);
  });
});
