/**
 * The tool views end to end, through the real `tokenscope app` (stories260K) in chromium: classify
 * with three labels (the probabilities sum to 100 %), rerank three candidates (a rank under each
 * score, sortable), score a text (its X-ray, saved to history on request) and a constrained run
 * (choices) whose tooltip shows the allowed value beside the raw one. Screenshots: /tmp/shots/tools/.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApp, openedRunId, savedRun, useAppSession } from './appSession.js';

const SHOTS = '/tmp/shots/tools';
const session = useAppSession();
beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});

/** How long a wait for the server may take (a guard, not a timing). */
const WAIT = { timeout: 30_000 };
const percentOf = (text: string) => Number(/([\d.]+) %/.exec(text)?.[1]);

async function shoot(page: Page, name: string, locator?: ReturnType<Page['locator']>): Promise<void> {
  if (locator) await locator.screenshot({ path: `${SHOTS}/${name}.png` });
  else await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

describe('the tool views in the browser', { timeout: 90_000 }, () => {
  it('classifies a text with three labels: the probabilities sum to 100 % and the decision shows', async () => {
    for (const dark of [false, true]) {
      const { page, errors } = await openApp(session(), '#/classify', { dark });
      await page.getByTestId('classify-text').fill('Lily and Tom played with a big red ball in the park.');
      const labels = ['happy', 'sad', 'a scary monster'];
      for (const [i, label] of labels.entries())
        await page.getByLabel(`Label ${i + 1}`, { exact: true }).fill(label);
      await page.getByTestId('classify-submit').click();
      await page.getByTestId('classify-result').waitFor(WAIT);
      const names = await page.locator('.label-bar-name').allTextContents();
      expect([...names].sort()).toEqual([...labels].sort());
      const pcts = (await page.getByTestId('classify-pct').allTextContents()).map(percentOf);
      expect(pcts).toHaveLength(3);
      expect(pcts.reduce((s, p) => s + p, 0)).toBeCloseTo(100, 0);
      expect(pcts).toEqual([...pcts].sort((a, b) => b - a));
      expect(await page.getByTestId('classify-sum').textContent()).toMatch(/Sum over the labels: 100\.0 %/);
      const decision = page.getByTestId('classify-decision');
      const abstain = await decision.getAttribute('data-abstain');
      expect(await decision.textContent()).toMatch(abstain === 'true' ? /route to a human/ : /^✓ /);
      expect(errors).toEqual([]);
      await shoot(page, `classify-${dark ? 'dark' : 'light'}`);
      await shoot(page, `classify-result-${dark ? 'dark' : 'light'}`, page.getByTestId('classify-result'));
      await page.context().close();
    }
  });

  it('refuses a single label in the form, saying why', async () => {
    const { page } = await openApp(session(), '#/classify');
    await page.getByTestId('classify-text').fill('hello');
    await page.getByRole('button', { name: 'Remove label 3' }).click();
    await page.getByRole('button', { name: 'Remove label 2' }).click();
    await page.getByTestId('classify-submit').click();
    await expect
      .poll(() => page.locator('.field-error').first().textContent())
      .toMatch(/at least two labels/);
    expect(await page.getByTestId('classify-result').count()).toBe(0);
    await page.context().close();
  });

  it('reranks three candidates: a rank under each score, and the table sorts by a column', async () => {
    for (const dark of [false, true]) {
      const { page, errors } = await openApp(session(), '#/rerank', { dark });
      await page.getByTestId('rerank-prompt').fill('Once upon a time, there was a little');
      await page.getByTestId('rerank-candidates').fill('girl\ndog named Max\nxylophone');
      await page.getByTestId('rerank-submit').click();
      await page.getByTestId('rerank-result').waitFor(WAIT);
      const rows = page.getByTestId('rerank-row');
      expect(await rows.count()).toBe(3);
      for (const score of ['total', 'mean', 'normalized']) {
        const ranks = await page.locator(`[data-testid=rerank-row] td[data-rank=${score}]`).allTextContents();
        expect(ranks.map(Number).sort()).toEqual([1, 2, 3]);
      }
      await page.getByRole('button', { name: 'total logprob' }).click();
      const totals = await page.locator('[data-testid=rerank-row] td:nth-child(4)').allTextContents();
      expect(totals.map(Number)).toEqual([...totals.map(Number)].sort((a, b) => b - a));
      await page.getByRole('button', { name: 'total logprob' }).click();
      const flipped = await page.locator('[data-testid=rerank-row] td:nth-child(4)').allTextContents();
      expect(flipped).toEqual([...totals].reverse());
      expect(errors).toEqual([]);
      await shoot(page, `rerank-${dark ? 'dark' : 'light'}`);
      await page.context().close();
    }
  });

  it('scores a text: its X-ray with a tooltip, the perplexity, and Save to history', async () => {
    for (const dark of [false, true]) {
      const { page, errors } = await openApp(session(), '#/score', { dark });
      await page.getByTestId('score-text').fill('Lily saw a big red ball in the park. She was happy.');
      await page.getByTestId('score-submit').click();
      await page.getByTestId('score-result').waitFor(WAIT);
      const tokens = page.locator('[data-testid=score-result] [data-testid=xray-text] .xr-t');
      expect(await tokens.count()).toBeGreaterThan(8);
      expect(await page.getByTestId('score-headline').textContent()).toMatch(/perplexity \d+\.\d\d/);
      await tokens.nth(3).hover();
      await page.getByTestId('xray-tooltip').waitFor();
      expect(await page.getByTestId('xray-tooltip').textContent()).toMatch(/rank \d of 5|not in the top-5/);
      await shoot(page, `score-${dark ? 'dark' : 'light'}`);
      if (!dark) {
        await page.getByTestId('score-save').click();
        await page.getByRole('button', { name: 'Open the saved run' }).click();
        const run = await savedRun(session(), await openedRunId(page));
        expect(run).toMatchObject({ source: 'local', prompt: null, tags: ['scored'] });
        expect(run.title).toMatch(/^Scored: Lily saw/);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('runs a constrained generation with choices: the tooltip shows p allowed beside p raw', async () => {
    for (const dark of [false, true]) {
      const { page, errors } = await openApp(session(), '#/', { dark });
      await page.getByRole('button', { name: 'Raw text', exact: true }).click();
      await page.getByLabel('Text to continue', { exact: true }).fill('The little dog was very');
      await page.getByLabel('Temperature', { exact: true }).fill('0');
      await page.getByLabel('Max tokens', { exact: true }).fill('12');
      await page.locator('[data-testid=constrain] summary').click();
      await page.getByRole('button', { name: 'Choices', exact: true }).click();
      await page.getByLabel('Choices, one per line').fill(' happy\n sad\n sleepy');
      if (!dark) await shoot(page, 'constrain-compose', page.locator('.compose'));
      await page.getByRole('button', { name: /^Run/ }).click();
      const run = await savedRun(session(), await openedRunId(page));
      const completion = run.response.completions[0]!;
      expect([' happy', ' sad', ' sleepy']).toContain(completion.text);
      expect(completion.constraint?.kind).toBe('choices');
      const table = page.getByTestId('xray-constraint');
      await table.waitFor(WAIT);
      expect(await table.locator('tbody tr').count()).toBe(completion.tokens.length);
      await page.locator('[data-testid=xray-text] .xr-t[data-i="0"]').hover();
      const tip = page.getByTestId('xray-tip-constraint');
      await tip.waitFor();
      const text = (await tip.textContent()) ?? '';
      expect(text).toMatch(/p allowed [\d.]+ %/);
      expect(text).toMatch(/p raw [\d.]+ %|p raw below the top-k/);
      expect(text).toMatch(/removed mass [\d.]+ %/);
      const first = completion.tokens[0]!;
      const allowed = percentOf(/p allowed ([\d.]+ %)/.exec(text)![1]!);
      expect(allowed).toBeCloseTo(Math.exp(first.constrained!.logprob!) * 100, 0);
      expect(errors).toEqual([]);
      await shoot(page, `constrain-${dark ? 'dark' : 'light'}`);
      await page.mouse.move(0, 0);
      await shoot(page, `constrain-table-${dark ? 'dark' : 'light'}`, table);
      await page.context().close();
    }
  });
});
