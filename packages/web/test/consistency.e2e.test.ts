/**
 * Sampling consistency in the app, end to end: the real `tokenscope app` in chromium, its remote
 * target a test upstream (scripts/logprobsRefusingUpstream.mjs, the providers' test helper) in front
 * of a real `tokenscope serve` on stories260K that refuses logprobs with OpenAI's 400. The app falls
 * back to sampling, says so, and shows the consistency view; `both` shows the two views side by
 * side; short answers list the distinct answers. Screenshots go to /tmp/shots/e2e/.
 */
import { XRAY_PALETTE } from '@tokenscope/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RefusingUpstream, startRefusingUpstream } from '../../providers/test/startRefusingUpstream.js';
import { openApp, openedRunId, SHOTS, savedRun, useAppSession } from './appSession.js';
import { SERVE_READY, STORIES, startTokenscope, type TokenscopeProcess } from './tokenscopeProcess.js';

const session = useAppSession();
const WAIT = { timeout: 60_000 };
let serve: TokenscopeProcess | undefined;
/** The runs the first tests make, compared by the last. */
const made: { fallback?: string; both?: string } = {};
let refusing: RefusingUpstream | undefined;

beforeAll(async () => {
  serve = await startTokenscope(['serve', '--no-app', '--port', '0', '--model', STORIES, '--threads', '1'], {
    ready: SERVE_READY,
  });
  refusing = await startRefusingUpstream(`${serve.url}/v1`, 'refuse');
}, 120_000);
afterAll(async () => {
  await refusing?.close();
  await serve?.stop();
});

/** Fills the compose panel: raw text, a remote endpoint, max tokens, confidence and samples. */
async function compose(
  page: Page,
  o: {
    baseURL: string;
    text: string;
    maxTokens: number;
    confidence?: 'Logprobs' | 'Sampling' | 'Both';
    samples: number;
  },
): Promise<void> {
  await page.getByRole('button', { name: 'Raw text', exact: true }).click();
  await page.getByLabel('Text to continue', { exact: true }).fill(o.text);
  await page.locator('#compose-model').selectOption('__remote__');
  const fields = page.locator('.remote-fields');
  await fields.getByLabel('Base URL').fill(o.baseURL);
  await fields.getByLabel('Remote model').fill('stories260K');
  await page.getByLabel('Max tokens', { exact: true }).fill(String(o.maxTokens));
  if (o.confidence) {
    await page.getByRole('group', { name: 'Confidence' }).getByRole('button', { name: o.confidence }).click();
  }
  await page.getByLabel('Samples', { exact: true }).fill(String(o.samples));
}

describe('sampling consistency in the app', { timeout: 120_000 }, () => {
  it('falls back to sampling when the endpoint refuses logprobs, says so, and shows agreement', async () => {
    const s = session();
    const { page, errors } = await openApp(s);
    await compose(page, { baseURL: refusing!.baseURL, text: 'Once upon a time', maxTokens: 40, samples: 4 });
    await page.locator('.compose').screenshot({ path: `${SHOTS}/consistency-compose.png` });
    await page.getByRole('button', { name: /^Run/ }).click();
    const id = await openedRunId(page);
    made.fallback = id;
    const run = await savedRun(s, id);
    expect(run.consistency?.samples).toHaveLength(4);
    expect(run.response.completions.every((c) => c.tokens.length === 0)).toBe(true);

    const notice = page.getByTestId('fallback-notice');
    await notice.waitFor(WAIT);
    expect(await notice.textContent()).toContain(
      "Invalid parameter: 'logprobs' is not supported with this model.",
    );
    const view = page.getByTestId('consistency');
    expect(await view.getByTestId('consistency-label').textContent()).toMatch(
      /^sampling-based confidence: 4 samples at temperature 0\.8, agreement of the answers; 4 requests, \d+ tokens, \d+\.\d s$/,
    );
    expect(await view.textContent()).toContain('not whether it is true');
    expect(await page.getByTestId('run-confidence').textContent()).toBe('4 samples, no logprobs');
    // No token X-ray and no token gate for a run without tokens.
    expect(await page.getByTestId('xray').count()).toBe(0);

    // Each sentence is on its agreement band; hover one for its support and the other samples' versions.
    const c = run.consistency!;
    const sentences = view.locator('.cs-sentence');
    expect(await sentences.count()).toBe(c.sentences.length);
    expect(await sentences.first().getAttribute('data-band')).toBe(c.sentences[0]!.band);
    expect(await sentences.first().getAttribute('class')).toContain(`xr-b-${c.sentences[0]!.band}`);
    await sentences.first().hover();
    const tip = page.getByTestId('consistency-tooltip');
    await tip.waitFor(WAIT);
    const tipText = (await tip.textContent()) ?? '';
    expect(tipText).toContain(`by ${c.sentences[0]!.support} of 4 samples`);
    expect(await tip.locator('.cs-versions li').count()).toBe(3);
    await page.screenshot({ path: `${SHOTS}/consistency-fallback.png`, fullPage: true });

    // Keyboard: Tab to the first unit shows the same tooltip; Esc hides it.
    await page.mouse.move(0, 0);
    await view.locator('[data-unit]').first().focus();
    await tip.waitFor(WAIT);
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'detached', ...WAIT });

    // The history shows the agreement instead of token scores.
    const item = page.locator(`.history-item[data-run-id="${id}"]`);
    await item.waitFor(WAIT);
    const agreement = item.locator('.history-agreement');
    expect(await agreement.textContent()).toContain(`agree ${(c.agreement * 100).toFixed(1)} %`);
    expect(await item.textContent()).not.toContain('ppl');

    // The exported page shows the same view, with its own tooltip script.
    const exported = await (await fetch(`${s.url}/api/runs/${id}/export?format=html`)).text();
    const report = await page.context().newPage();
    const reportErrors: string[] = [];
    report.on('pageerror', (e) => reportErrors.push(String(e)));
    await report.setContent(exported);
    expect(await report.locator('.u.s').count()).toBe(c.sentences.length);
    await report.locator('.u.s').first().hover();
    const reportTip = report.locator('#ts-tip');
    await reportTip.waitFor({ state: 'visible', ...WAIT });
    expect(await reportTip.textContent()).toContain(`by ${c.sentences[0]!.support} of 4 samples`);
    expect(await reportTip.locator('li').count()).toBe(3);
    await report.screenshot({ path: `${SHOTS}/consistency-export.png` });
    expect(reportErrors).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("'Both' shows the token X-ray and the consistency view side by side", async () => {
    const s = session();
    const { page, errors } = await openApp(s);
    await compose(page, {
      baseURL: `${serve!.url}/v1`,
      text: 'Once upon a time',
      maxTokens: 40,
      confidence: 'Both',
      samples: 3,
    });
    await page.getByRole('button', { name: /^Run/ }).click();
    const id = await openedRunId(page);
    made.both = id;
    const run = await savedRun(s, id);
    expect(run.response.completions[0]!.tokens.length).toBeGreaterThan(0);
    // The answer generated with logprobs, then the 3 samples it is compared with.
    expect(run.consistency?.samples).toHaveLength(4);
    expect(run.consistency?.text).toBe(run.response.completions[0]!.text);
    expect(await page.getByTestId('run-confidence').textContent()).toBe('logprobs + 3 samples');
    const both = page.getByTestId('both-views');
    await both.waitFor(WAIT);
    const [left, right] = await Promise.all([
      both.getByRole('region', { name: 'Token logprobs' }).boundingBox(),
      both.getByRole('region', { name: 'Sampling consistency' }).boundingBox(),
    ]);
    // Side by side at 1400 px: the consistency view starts right of the X-ray, on the same band of the page.
    expect(right!.x).toBeGreaterThan(left!.x + left!.width - 1);
    expect(Math.abs(right!.y - left!.y)).toBeLessThan(2);
    expect(await both.getByTestId('xray').count()).toBe(1);
    expect(await both.getByTestId('consistency').count()).toBe(1);
    // Both columns show the same answer.
    const shownText = await both.getByTestId('consistency-text').evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      for (const mark of copy.querySelectorAll('.cs-sup')) mark.remove();
      return copy.textContent;
    });
    expect(shownText).toBe(run.response.completions[0]!.text);
    expect(await both.getByTestId('consistency').textContent()).toContain(
      'Sample 1 is the answer the token X-ray shows',
    );
    expect(await page.getByTestId('fallback-notice').count()).toBe(0);
    await both.screenshot({ path: `${SHOTS}/consistency-both.png` });

    // The exported page holds both views; each one's tooltip works beside the other's script.
    const exported = await (await fetch(`${s.url}/api/runs/${id}/export?format=html`)).text();
    const report = await page.context().newPage();
    const reportErrors: string[] = [];
    report.on('pageerror', (e) => reportErrors.push(String(e)));
    await report.setContent(exported);
    const tip = report.locator('#ts-tip');
    await report.locator('.xray .t').first().hover();
    await tip.waitFor({ state: 'visible', ...WAIT });
    expect(await tip.textContent()).not.toContain('samples');
    await report.locator('.u.s').first().hover();
    await expect.poll(() => tip.textContent(), WAIT).toMatch(/by \d of 4 samples/);
    await report.locator('.u.s').first().focus();
    await report.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden', ...WAIT });
    await report.locator('.xray .t').nth(1).focus();
    await tip.waitFor({ state: 'visible', ...WAIT });
    expect(await tip.textContent()).not.toContain('samples');
    expect(reportErrors).toEqual([]);
    await report.close();
    const item = page.locator(`.history-item[data-run-id="${id}"]`);
    expect(await item.textContent()).toContain('ppl');
    expect(await item.locator('.history-agreement').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('short answers: the distinct answers with their counts', async () => {
    const s = session();
    const { page, errors } = await openApp(s);
    await compose(page, {
      baseURL: refusing!.baseURL,
      text: 'Once upon a time',
      maxTokens: 3,
      confidence: 'Sampling',
      samples: 6,
    });
    await page.getByRole('button', { name: /^Run/ }).click();
    const id = await openedRunId(page);
    const c = (await savedRun(s, id)).consistency!;
    expect(c.mode).toBe('short');
    const answers = page.getByTestId('consistency-answers').locator('li');
    await answers.first().waitFor(WAIT);
    expect(await answers.count()).toBe(c.answers.length);
    expect(await answers.first().textContent()).toContain(`${c.answers[0]!.count}/6`);
    // Asked for sampling: no fallback notice (nothing was refused).
    expect(await page.getByTestId('fallback-notice').count()).toBe(0);
    await page.getByTestId('consistency').screenshot({ path: `${SHOTS}/consistency-short.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('counts the samples as they come in, with a progress bar', async () => {
    const { page, errors } = await openApp(session());
    await compose(page, {
      baseURL: refusing!.baseURL,
      text: 'Once upon a time',
      maxTokens: 200,
      confidence: 'Sampling',
      samples: 30,
    });
    await page.getByRole('button', { name: /^Run/ }).click();
    const progress = page.getByTestId('sampling-progress');
    await progress.waitFor(WAIT);
    expect(await progress.textContent()).toMatch(/sample \d+ of 30 done \(temperature 0\.8\)/);
    expect(await page.locator('progress.sampling-bar').getAttribute('max')).toBe('30');
    await page.locator('.stream-head').screenshot({ path: `${SHOTS}/consistency-progress.png` });
    const id = await openedRunId(page);
    expect((await savedRun(session(), id)).consistency?.samples).toHaveLength(30);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('classify falls back to sampling on the refusing endpoint and says so', async () => {
    const { page, errors } = await openApp(session(), '#/classify');
    await page.getByTestId('classify-text').fill('Lily and Tom played with a big red ball in the park.');
    for (const [i, label] of ['happy', 'sad'].entries())
      await page.getByLabel(`Label ${i + 1}`, { exact: true }).fill(label);
    await page.locator('#compose-model').selectOption('__remote__');
    const fields = page.locator('.remote-fields');
    await fields.getByLabel('Base URL').fill(refusing!.baseURL);
    await fields.getByLabel('Remote model').fill('stories260K');
    await page.getByTestId('classify-submit').click();
    const result = page.getByTestId('classify-result');
    await result.waitFor(WAIT);
    expect(await result.getByTestId('fallback-notice').textContent()).toContain(
      "Invalid parameter: 'logprobs' is not supported with this model.",
    );
    expect(await result.getByTestId('classify-sampling').textContent()).toMatch(
      /^sampling-based confidence: 5 samples at temperature 0\.7, agreement of the answers; 5 requests/,
    );
    expect(await result.textContent()).toContain('sampling-based: share of the sampled answers');
    await result.screenshot({ path: `${SHOTS}/consistency-classify.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('compares a run made from samples with one made with both: agreement row, no token figures for samples', async () => {
    expect(made.fallback && made.both, 'the first tests made the runs').toBeTruthy();
    const { page, errors } = await openApp(session(), `#/compare/${made.fallback}/${made.both}`);
    const views = page.getByTestId('consistency');
    await views.nth(1).waitFor(WAIT);
    expect(await views.count()).toBe(2);
    // The run from samples has no token X-ray; the other has one.
    expect(await page.getByTestId('xray').count()).toBe(1);
    const agreement = page.getByRole('row', { name: /Sampling agreement/ });
    expect(await agreement.textContent()).toMatch(/\d+\.\d %.*\d+\.\d %/);
    expect(await page.getByRole('row', { name: /Perplexity/ }).textContent()).toContain('–');
    await page.screenshot({ path: `${SHOTS}/consistency-compare.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();

    // Dark theme: the view takes the X-ray palette's dark colours.
    const dark = await openApp(session(), `#/run/${made.fallback}`, { dark: true });
    const sentence = dark.page.getByTestId('consistency').locator('.cs-sentence').first();
    await sentence.waitFor(WAIT);
    const band = (await sentence.getAttribute('data-band'))!;
    expect(await sentence.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      hexToRgb(XRAY_PALETTE.dark[band as keyof typeof XRAY_PALETTE.dark]),
    );
    await dark.page.getByTestId('consistency').screenshot({ path: `${SHOTS}/consistency-dark.png` });
    expect(dark.errors).toEqual([]);
    await dark.page.context().close();
  });
});

/** `#1e4d2b` → `rgb(30, 77, 43)`, as getComputedStyle writes it. */
function hexToRgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
