import '../names.js'; // names among the critical facts, as the CLI, server and web app find them
import { describe, expect, it } from 'vitest';
// Vite's ?raw import: the documentation as a string, without Node APIs in core.
import doc from '../../../../docs/json-format.md?raw';
import { MIXED, makeAnalysis, SEED_003 } from './__testutil__/makeAnalysis.js';
import { renderJson } from './renderJson.js';

function keys(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keys(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keys(v, out);
    }
  }
  return out;
}

describe('docs/json-format.md', () => {
  it('shows the example renderJson produces for the seed 003 response', () => {
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    // Compared as values: the formatter may lay the block out differently (short arrays on one line).
    expect(JSON.parse(example ?? 'null')).toEqual(JSON.parse(renderJson(makeAnalysis(SEED_003))));
  });

  it('documents every field the report has', () => {
    const documented = [...doc.matchAll(/`([A-Za-z0-9-]+)(?:\.[a-z]+)?`/g)].map((m) => m[1]);
    const missing = [...keys(JSON.parse(renderJson(makeAnalysis(MIXED))))].filter(
      (k) => !documented.includes(k),
    );
    expect(
      missing.filter(
        (k) =>
          !['green', 'lime', 'yellow', 'orange', 'red', 'low-confidence', 'ambiguous', 'not-top'].includes(k),
      ),
    ).toEqual([]);
  });
});
