import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../test/cliHarness.js';
import { optionsTable } from '../test/optionsTable.js';
import { buildProgram } from './main.js';

const DOC = join(REPO_ROOT, 'docs/cli.md');
const COMMANDS = [
  'app',
  'analyze',
  'ask',
  'gate',
  'calibrate',
  'batch',
  'report',
  'export',
  'serve',
  'probe',
  'proxy',
  'classify',
  'rerank',
  'score',
  'completion',
] as const;
/** Commands documented in a page of their own (else docs/cli.md). */
const DOC_OF: Partial<Record<(typeof COMMANDS)[number], string>> = {
  classify: join(REPO_ROOT, 'docs/classify.md'),
  rerank: join(REPO_ROOT, 'docs/classify.md'),
  score: join(REPO_ROOT, 'docs/classify.md'),
};
const start = (name: string): string =>
  `<!-- ${name}-options:start (generated: UPDATE_DOCS=1 npx vitest run packages/cli/src/docs.test.ts, then npx biome check --write docs/cli.md) -->`;
const end = (name: string): string => `<!-- ${name}-options:end -->`;

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
  it.each(COMMANDS)('lists exactly the options of `tokenscope %s`', (name) => {
    const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env: {} };
    const command = buildProgram(io, () => {}).commands.find((c) => c.name() === name);
    expect(command).toBeDefined();
    const table = optionsTable(command!);
    const file = DOC_OF[name] ?? DOC;
    const doc = readFileSync(file, 'utf8');
    const START = start(name);
    const from = doc.indexOf(START);
    const to = doc.indexOf(end(name));
    expect(from, `docs/cli.md needs the marker ${START}`).toBeGreaterThan(-1);
    const current = doc.slice(from + START.length, to).trim();
    if (process.env.UPDATE_DOCS === '1' && normalize(current) !== normalize(table)) {
      writeFileSync(file, `${doc.slice(0, from + START.length)}\n${table}\n${doc.slice(to)}`);
      return;
    }
    expect(
      normalize(current),
      'docs/cli.md is out of date: run UPDATE_DOCS=1 npx vitest run packages/cli/src/docs.test.ts',
    ).toBe(normalize(table));
  });
});
