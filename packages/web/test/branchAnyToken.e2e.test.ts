/**
 * Branching from any token of the distribution, through the real app (`tokenscope app`, built): the
 * explorer lists the local model's whole next-token distribution, and "Branch from here" on a token
 * far below the stored top-5 continues the answer from that token, with the model's own logprob.
 * Screenshot: /tmp/shots/polish/branch-any-token.png.
 */
import { mkdirSync } from 'node:fs';
import { type NextTokenDistribution, type RunRecord, visibleWhitespace } from '@tokenscope/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, openApp, openedRunId, savedRun, useAppSession } from './appSession.js';

const SHOTS = '/tmp/shots/polish';
const session = useAppSession();
let parent: RunRecord;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const events = await generate(session().url, {
    target: { kind: 'local', model: 'stories260K' },
    prompt: { kind: 'text', text: 'Once upon a time' },
    params: { maxTokens: 16, topLogprobs: 5, temperature: 0 },
  });
  const done = events.find((e) => e.type === 'done');
  if (done?.type !== 'done') throw new Error(`no done event: ${JSON.stringify(events.at(-1))}`);
  parent = done.run;
}, 120_000);

describe('branch from any token of the distribution', { timeout: 90_000 }, () => {
  it('continues the answer from a token ranked below the stored top-k, with its logprob', async () => {
    const position = 4;
    const { page, errors, context } = await openApp(session(), `#/run/${parent.id}`);
    await page.locator(`[data-testid=xray-text] .xr-t[data-i="${position}"]`).focus();
    await page.keyboard.press('Enter');
    const explorer = page.getByTestId('xray-explorer');
    await expect
      .poll(() => explorer.textContent(), { timeout: 20_000 })
      .toContain('Recomputed by the local model');
    // The 12th most likely token: well below the 5 alternatives stored with the run.
    const rank = 12;
    const row = explorer.locator('tbody tr').nth(rank - 1);
    const shown = (await row.locator('td.xr-mono').textContent())?.trim() ?? '';
    await row.getByRole('button', { name: /^Branch from here/ }).click();
    const id = await openedRunId(page, parent.id);
    await page.screenshot({ path: `${SHOTS}/branch-any-token.png` });

    const res = await fetch(`${session().url}/api/runs/${parent.id}/distribution`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ position, top: rank }),
    });
    const expected = ((await res.json()) as NextTokenDistribution).alternatives[rank - 1]!;
    const stored = parent.response.completions[0]!.tokens[position]!.top;
    expect(stored.map((a) => a.id)).not.toContain(expected.id);

    const branch = await savedRun(session(), id);
    expect(branch.branch).toMatchObject({ parentId: parent.id, position, token: { id: expected.id } });
    expect(visibleWhitespace(branch.branch!.token.text)).toBe(shown);
    const chosen = branch.response.completions[0]!.tokens[position]!;
    expect(chosen.id).toBe(expected.id);
    expect(Math.abs(chosen.logprob! - expected.logprob!)).toBeLessThan(1e-4);
    expect(chosen.top).toEqual(stored);
    expect(errors).toEqual([]);
    await context.close();
  });
});
