/**
 * The datasets view end to end: a store seeded (before the real `tokenscope app` starts on it) with
 * one dataset of three models by two prompt versions, answered by real recorded responses (one
 * fixture per model, a second one for a prompt version, cut to different lengths so that each group
 * has a spread). In chromium: pick the dataset, group by model (three groups, the answer counts and
 * means of `store.datasetSummary`), by prompt version (two), try other thresholds (the review rate
 * the store computes at them), open a group's runs in the history and one answer's X-ray; at 1280 and
 * 390 px, without sideways scroll. Screenshots: /tmp/shots/datasets/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type DatasetSummary,
  formatLogprob,
  type LogprobResponse,
  type NewRun,
  parseResponse,
  type RunRecord,
} from '@tokenscope/core';
import { openRunStore, type RunStore } from '@tokenscope/store';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppSession, FIXTURES_DIR, openApp, openedRunId } from './appSession.js';
import { ensureAppBuilt } from './ensureAppBuilt.js';
import { launchChromium } from './launchChromium.js';
import { startApp } from './tokenscopeProcess.js';

const SHOTS = '/tmp/shots/datasets';
const DATASET = 'qa-eval';
const WAIT = { timeout: 20_000 };

function fixture(name: string): LogprobResponse {
  return parseResponse(readFileSync(join(FIXTURES_DIR, name), 'utf8'));
}

/** The response with its first answer cut to its first `keep` tokens (at least 2). */
function cut(response: LogprobResponse, drop: number): LogprobResponse {
  const [first, ...rest] = response.completions;
  if (!first) return response;
  const tokens = first.tokens.slice(0, Math.max(2, first.tokens.length - drop));
  return {
    ...response,
    completions: [{ ...first, tokens, text: tokens.map((t) => t.text).join('') }, ...rest],
  };
}

/** The response with the last token of its first answer at `logprob` (a recorded value made lower). */
function lowerLast(response: LogprobResponse, logprob: number): LogprobResponse {
  const [first, ...rest] = response.completions;
  if (!first) return response;
  const tokens = first.tokens.map((t, i) => (i === first.tokens.length - 1 ? { ...t, logprob } : t));
  return { ...response, completions: [{ ...first, tokens }, ...rest] };
}

/**
 * Runs per model and prompt version, and the recorded response each answers with; `lower`: the
 * answer's last token (TGI's number "1", p 14 %) at p 7 %, a low-confidence critical fact.
 */
const PLAN: Array<{ model: string; version: string; runs: number; fixture: string; lower?: boolean }> = [
  { model: 'gpt-4o', version: 'v1', runs: 4, fixture: 'openai-chat.seed003.recorded.json' },
  { model: 'gpt-4o', version: 'v2', runs: 2, fixture: 'openai-chat.seed003.recorded.json' },
  {
    model: 'stories260K',
    version: 'v1',
    runs: 2,
    fixture: 'openai-chat.tokenscope-serve-stories260k.recorded.json',
  },
  {
    model: 'stories260K',
    version: 'v2',
    runs: 2,
    fixture: 'openai-completions.tokenscope-serve-stories260k.recorded.json',
  },
  { model: 'tgi-llama', version: 'v1', runs: 1, fixture: 'tgi.generate.recorded.json' },
  { model: 'tgi-llama', version: 'v2', runs: 1, fixture: 'tgi.generate.recorded.json', lower: true },
];

let session: AppSession;
let byModel: DatasetSummary;
let byVersion: DatasetSummary;
let tried: DatasetSummary;
const saved: RunRecord[] = [];

async function seed(store: RunStore): Promise<void> {
  let n = 0;
  for (const step of PLAN) {
    const recorded = fixture(step.fixture);
    const response = step.lower ? lowerLast(recorded, Math.log(0.07)) : recorded;
    for (let i = 0; i < step.runs; i++, n++) {
      const run: NewRun = {
        title: `${step.model} ${step.version} question ${i + 1}`,
        tags: i === 0 ? ['first'] : [],
        source: 'import',
        model: step.model,
        prompt: { kind: 'text', text: `Question ${n} for the eval` },
        params: {},
        response: cut(response, i),
        dataset: DATASET,
        promptVersion: step.version,
      };
      saved.push(await store.save(run));
    }
  }
  // A run outside the dataset, which the dataset's figures must not count.
  await store.save({
    source: 'import',
    model: 'gpt-4o',
    prompt: { kind: 'text', text: 'not in the dataset' },
    params: {},
    response: fixture('openai-chat.seed003.recorded.json'),
  });
  byModel = await store.datasetSummary({ dataset: DATASET, groupBy: 'model', bins: 20 });
  byVersion = await store.datasetSummary({ dataset: DATASET, groupBy: 'promptVersion', bins: 20 });
  tried = await store.datasetSummary({ dataset: DATASET, thresholds: { publish: -0.05, review: -0.5 } });
}

beforeAll(async () => {
  ensureAppBuilt();
  mkdirSync(SHOTS, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'tokenscope-e2e-datasets-'));
  const dataDir = join(tmp, 'data');
  const store = await openRunStore({ dataDir });
  try {
    await seed(store);
  } finally {
    await store.close();
  }
  const [app, browser] = await Promise.all([startApp(dataDir), launchChromium()]);
  session = { url: app.url, dataDir, tmp, app, browser };
}, 240_000);

afterAll(async () => {
  await session?.browser.close();
  await session?.app.stop();
  if (session) rmSync(session.tmp, { recursive: true, force: true });
});

/** How far the page and the main column reach past the window (0 when nothing scrolls sideways). */
async function sideways(page: Page): Promise<{ page: number; main: number; wide: string[] }> {
  return page.evaluate(() => {
    const main = document.querySelector('.shell-main');
    const scrolled = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      return false;
    };
    // The elements past the window's right edge outside scrolling boxes, for the failure message.
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && !scrolled(el))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
    return {
      page: document.documentElement.scrollWidth - window.innerWidth,
      main: main ? main.scrollWidth - main.clientWidth : 0,
      wide,
    };
  });
}
const NONE = { page: 0, main: 0, wide: [] };

/**
 * A screenshot of the whole datasets view: the window is made as tall as the main column's content
 * (the main column scrolls, so a full-page shot would stop at the window), then restored.
 */
async function shootView(page: Page, path: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  const height = await page.evaluate(() => {
    const main = document.querySelector('.shell-main');
    return Math.ceil((main?.getBoundingClientRect().top ?? 0) + (main?.scrollHeight ?? 0));
  });
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(null)))),
  );
  await page.waitForTimeout(150);
  await page.screenshot({ path });
  await page.setViewportSize(size);
}

/** Waits until the results answer `groupBy` and every chart is drawn. */
async function resultsFor(page: Page, groupBy: string): Promise<void> {
  await page.locator(`.ds-results[data-state=ready][data-summary-group=${groupBy}]`).waitFor(WAIT);
  for (const id of ['dataset-distribution', 'dataset-rates', 'dataset-over-time']) {
    await page.locator(`[data-testid=${id}][data-drawn]`).waitFor(WAIT);
  }
}

/** The groups table as [key, answers, mean] rows. */
async function tableRows(page: Page): Promise<string[][]> {
  return page
    .getByTestId('dataset-groups')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [
        r.getAttribute('data-group') ?? '',
        r.querySelector('[data-col=answers]')?.textContent ?? '',
        r.querySelector('[data-col=mean]')?.textContent ?? '',
      ]),
    );
}

const shownMean = (x: number | null) => (x === null ? '–' : formatLogprob(x));
const expectedRows = (s: DatasetSummary) =>
  s.groups.map((g) => [g.key ?? '', String(g.answers), shownMean(g.meanLogprob)]);

describe('the datasets view', { timeout: 120_000 }, () => {
  it('groups a dataset by model and by prompt version, tries thresholds, and opens a group’s runs', async () => {
    const { page, errors, dialogs, context } = await openApp(session, '#/', { width: 1280, height: 900 });
    await page.locator('.header-nav').getByRole('link', { name: 'Datasets' }).click();
    const view = page.getByTestId('datasets-view');
    await view.waitFor();
    expect(await view.locator('.ds-disclaimer').textContent()).toContain('confidence, not truth');
    // Pick the dataset (the list has it with its run count); grouped by model by default.
    const option = page.locator('#ds-dataset option', { hasText: DATASET });
    expect(await option.textContent()).toBe(`${DATASET} (12 runs)`);
    await page.selectOption('#ds-dataset', DATASET);
    await page.locator('button[data-group-by=model]').click();
    await resultsFor(page, 'model');
    await expect.poll(() => tableRows(page), WAIT).toEqual(expectedRows(byModel));
    expect(byModel.groups.map((g) => [g.key, g.answers])).toEqual([
      ['gpt-4o', 6],
      ['stories260K', 4],
      ['tgi-llama', 2],
    ]);
    expect(await page.getByTestId('dataset-headline').textContent()).toBe(
      `12 answers in 3 groups by model · ${byModel.total.tokens} tokens · mean logprob ${shownMean(byModel.total.meanLogprob)}`,
    );
    expect(await page.locator('.ds-source').textContent()).toContain(
      'core’s defaults (none saved for “qa-eval”)',
    );
    // The low-confidence critical fact, linking to its run.
    expect(byModel.lowConfidenceFacts).toHaveLength(1);
    const fact = byModel.lowConfidenceFacts[0]!;
    expect(fact).toMatchObject({ kind: 'number', text: '1' });
    const facts = page.getByTestId('dataset-facts').locator('li');
    expect(await facts.count()).toBe(1);
    expect(await facts.first().textContent()).toContain('p 7.0 %');
    expect(await facts.first().locator('a').getAttribute('href')).toBe(`#/run/${fact.runId}`);
    expect(new URL(page.url()).hash).toBe(`#/datasets?dataset=${DATASET}`);
    expect(await sideways(page)).toEqual(NONE);
    await page.screenshot({ path: `${SHOTS}/by-model-1280.png` });
    await shootView(page, `${SHOTS}/by-model-1280-view.png`);

    // Histogram instead of boxes.
    await page.getByRole('button', { name: 'Histogram' }).click();
    await page.locator('[data-testid=dataset-distribution][data-drawn]').waitFor();
    await page.getByTestId('dataset-distribution').screenshot({ path: `${SHOTS}/histogram-1280.png` });
    await page.getByRole('button', { name: 'Percentiles' }).click();

    await page.locator('button[data-group-by=promptVersion]').click();
    await resultsFor(page, 'promptVersion');
    await expect.poll(() => tableRows(page), WAIT).toEqual(expectedRows(byVersion));
    expect(byVersion.groups.map((g) => [g.key, g.answers])).toEqual([
      ['v1', 7],
      ['v2', 5],
    ]);
    await shootView(page, `${SHOTS}/by-prompt-version-1280-view.png`);

    // Other thresholds: the review rate the store computes at them, labelled as tried.
    await page.locator('button[data-group-by=none]').click();
    await resultsFor(page, 'none');
    await page.locator('.ds-try > summary').click();
    await page.locator('.ds-try input[name=gate-publish]').fill('-0.05');
    await page.locator('.ds-try input[name=gate-review]').fill('-0.5');
    await expect.poll(() => page.locator('.ds-source').textContent(), WAIT).toContain('tried on this page');
    await resultsFor(page, 'none');
    const reviewRate = `${(tried.total.reviewRate * 100).toFixed(1)} %`;
    await expect
      .poll(() => page.locator('tbody [data-col=review-rate]').textContent(), WAIT)
      .toBe(reviewRate);
    expect(new URL(page.url()).hash).toBe(
      `#/datasets?dataset=${DATASET}&groupBy=none&publish=-0.05&review=-0.5`,
    );
    await page.getByRole('button', { name: 'Back to the defaults' }).click();
    await expect.poll(() => page.locator('.ds-source').textContent(), WAIT).toContain('core’s defaults');

    // A group's runs in the history, then one answer's X-ray.
    await page.locator('button[data-group-by=model]').click();
    await resultsFor(page, 'model');
    await page.locator('tbody tr[data-group=stories260K] [data-show-runs]').click();
    const sidebar = page.locator('#history');
    await expect
      .poll(() => sidebar.getByTestId('history-filtered').textContent(), WAIT)
      .toContain(`dataset ${DATASET} · model stories260K`);
    await expect.poll(() => sidebar.locator('.history-item').count(), WAIT).toBe(4);
    expect(await page.locator('#history-model').inputValue()).toBe('stories260K');
    expect(await page.locator('#history-dataset').inputValue()).toBe(DATASET);
    const items = await sidebar.locator('.history-item').evaluateAll((els) =>
      els.map((el) => ({
        id: el.getAttribute('data-run-id'),
        dataset: el.querySelector('.history-dataset')?.textContent,
        verdict: el.querySelector('[data-verdict]')?.getAttribute('data-verdict'),
      })),
    );
    const stories = saved.filter((r) => r.model === 'stories260K');
    expect(items.map((i) => i.id).sort()).toEqual(stories.map((r) => r.id).sort());
    for (const item of items) {
      expect(item.dataset).toMatch(/^qa-eval\s*·\s*prompt v[12]$/);
      expect(['publish', 'review']).toContain(item.verdict);
    }
    await page.screenshot({ path: `${SHOTS}/group-runs-1280.png` });
    const first = sidebar.locator('.history-item').first();
    const firstId = await first.getAttribute('data-run-id');
    await first.locator('[data-history-link]').click();
    expect(await openedRunId(page)).toBe(firstId);
    await page.getByTestId('xray-text').waitFor(WAIT);
    expect(await page.locator('#run-title').textContent()).toContain('stories260K');
    await page.screenshot({ path: `${SHOTS}/xray-from-group-1280.png` });
    // Back returns to the view as it was left.
    await page.goBack();
    await resultsFor(page, 'model');
    expect(await page.locator('#ds-dataset').inputValue()).toBe(DATASET);

    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('fits a 390 px phone: no sideways scroll, a group opens the history, a run its X-ray', async () => {
    const { page, errors, context } = await openApp(session, '#/');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${session.url}/#/datasets?dataset=${DATASET}&groupBy=promptVersion`);
    await resultsFor(page, 'promptVersion');
    await expect.poll(() => tableRows(page), WAIT).toEqual(expectedRows(byVersion));
    // Two frames: the charts follow their box from a ResizeObserver.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(null)))),
    );
    expect(await sideways(page)).toEqual(NONE);
    await shootView(page, `${SHOTS}/by-prompt-version-390-view.png`);
    await page.locator('.shell-main').evaluate((el) => el.scrollTo({ top: 0 }));
    await page.screenshot({ path: `${SHOTS}/top-390.png` });

    await page.locator('tbody tr[data-group=v2] [data-show-runs]').click();
    const sidebar = page.locator('#history');
    await expect.poll(() => sidebar.isVisible(), WAIT).toBe(true);
    await expect.poll(() => sidebar.locator('.history-item').count(), WAIT).toBe(5);
    expect(await sidebar.getByTestId('history-filtered').textContent()).toContain('prompt v2');
    expect(await sideways(page)).toEqual(NONE);
    await page.screenshot({ path: `${SHOTS}/group-runs-390.png` });
    const first = sidebar.locator('.history-item').first();
    const firstId = await first.getAttribute('data-run-id');
    await first.locator('[data-history-link]').click();
    expect(await openedRunId(page)).toBe(firstId);
    await page.getByTestId('xray-text').waitFor(WAIT);
    expect(await sideways(page)).toEqual(NONE);
    await page.screenshot({ path: `${SHOTS}/xray-from-group-390.png` });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads well in the dark theme', async () => {
    const { page, errors, context } = await openApp(session, `#/datasets?dataset=${DATASET}`, {
      width: 1280,
      dark: true,
    });
    await resultsFor(page, 'model');
    await shootView(page, `${SHOTS}/by-model-dark-1280-view.png`);
    // The fact's link opens its run's X-ray.
    const fact = byModel.lowConfidenceFacts[0]!;
    await page.getByTestId('dataset-facts').locator('a').first().click();
    expect(await openedRunId(page)).toBe(fact.runId);
    await page.getByTestId('xray-text').waitFor(WAIT);
    expect(errors).toEqual([]);
    await context.close();
  });
});
