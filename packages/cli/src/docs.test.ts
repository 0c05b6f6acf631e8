import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../test/cliHarness.js';
import { optionsTable } from '../test/optionsTable.js';
import { buildProgram } from './main.js';

const DOC = join(REPO_ROOT, 'docs/cli.md');
const START =
  '<!-- analyze-options:start (generated: UPDATE_DOCS=1 npx vitest run packages/cli/src/docs.test.ts, then npx biome check --write docs/cli.md) -->';
const END = '<!-- analyze-options:end -->';

/** A Markdown table with the padding that Biome's formatter adds taken out. */
function normalize(table: string): string {
  return table
    .split('\n')
    .map((line) =>
      line
        .split('|')
        .map((cell) => cell.trim().replace(/^-+$/, '---'))
        .join('|'),
    )
    .join('\n');
}

describe('docs/cli.md', () => {
  it('lists exactly the options of `tokenscope analyze`', () => {
    const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env: {} };
    const analyze = buildProgram(io, () => {}).commands.find((c) => c.name() === 'analyze');
    expect(analyze).toBeDefined();
    const table = optionsTable(analyze!);
    const doc = readFileSync(DOC, 'utf8');
    const start = doc.indexOf(START);
    const end = doc.indexOf(END);
    expect(start, `docs/cli.md needs the marker ${START}`).toBeGreaterThan(-1);
    const current = doc.slice(start + START.length, end).trim();
    if (process.env.UPDATE_DOCS === '1' && normalize(current) !== normalize(table)) {
      writeFileSync(DOC, `${doc.slice(0, start + START.length)}\n${table}\n${doc.slice(end)}`);
      return;
    }
    expect(
      normalize(current),
      'docs/cli.md is out of date: run UPDATE_DOCS=1 npx vitest run packages/cli/src/docs.test.ts',
    ).toBe(normalize(table));
  });
});
