/**
 * Comparing more than two runs, through the real `tokenscope app` in chromium: pick three runs in the
 * history, compare them (three columns, three X-rays, one summary column each and the spread), add a
 * fourth with "Add a run…", remove one with ×, reorder, a run that cannot be opened, and a phone-wide
 * window that never scrolls sideways. Screenshots: /tmp/shots/compare/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatNumber, type RunRecord } from '@tokenscope/core';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR, importRun, openApp, patchRun, useAppSession } from './appSession.js';

const SHOTS = '/tmp/shots/compare';
const WAIT = { timeout: 20_000 };
const session = useAppSession();
const SEEDS: Array<[file: string, title: string]> = [
  ['openai-chat.tokenscope-serve-stories260k.recorded.json', 'wombat chat'],
  ['openai-completions.tokenscope-serve-stories260k.recorded.json', 'wombat completions'],
  ['openai-chat.seed003.recorded.json', 'wombat seed003'],
  ['tgi.generate.recorded.json', 'wombat tgi'],
];
let runs: RunRecord[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const s = session();
  runs = [];
  for (const [file, title] of SEEDS) {
    const run = await importRun(s, file, readFileSync(join(FIXTURES_DIR, file), 'utf8'));
    runs.push(await patchRun(s, run.id, { title }));
  }
}, 120_000);

const compareIds = (page: Page) => {
  const m = /#\/compare\/(.+)$/.exec(page.url());
  return m ? m[1]!.split('/').map(decodeURIComponent) : [];
};
const columnTitles = (page: Page) => page.locator('.compare-column .card-head h3').allTextContents();

/**
 * How far the document reaches past the window, sideways (0 when it never scrolls sideways), and the
 * first elements that reach past it outside a scrolling box (for the failure message).
 */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrolled = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement)
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      return false;
    };
    const wide = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !scrolled(el))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
    return { px: Math.max(0, document.documentElement.scrollWidth - width), wide };
  });

describe('comparing any number of runs in the browser', { timeout: 90_000 }, () => {
  it('compares three runs picked in the history, adds a fourth and removes one', async () => {
    const [a, b, c, d] = runs as [RunRecord, RunRecord, RunRecord, RunRecord];
    const { page, errors } = await openApp(session());
    await page.locator('#history-search').fill('wombat');
    await expect.poll(() => page.locator('.history-item').count(), WAIT).toBe(4);
    await page.getByLabel(`Select “${a.title}” to compare`).check();
    await expect.poll(() => page.locator('.compare-bar').textContent()).toContain('Pick one more run');
    for (const run of [b, c]) await page.getByLabel(`Select “${run.title}” to compare`).check();
    await page.getByRole('button', { name: 'Compare 3 runs', exact: true }).click();
    await expect.poll(() => compareIds(page), WAIT).toEqual([a.id, b.id, c.id]);

    const columns = page.locator('.compare-column');
    await expect.poll(() => columns.count(), WAIT).toBe(3);
    await expect.poll(() => columnTitles(page), WAIT).toEqual([a.title, b.title, c.title]);
    for (let i = 0; i < 3; i++)
      await columns.nth(i).getByTestId('xray-text').locator('.xr-t').first().waitFor(WAIT);
    const heads = await page.locator('.summary-table thead th').allTextContents();
    expect(heads).toEqual(['Measure', `A · ${a.model}`, `B · ${b.model}`, `C · ${c.model}`, 'Spread']);
    const perplexity = page.locator('.summary-table tr', { hasText: 'Perplexity' });
    const cells = await perplexity.locator('td').allTextContents();
    expect(cells).toHaveLength(4);
    for (const [i, run] of [a, b, c].entries())
      expect(cells[i]).toContain(formatNumber(run.summary.perplexity, 3));
    // The least perplexed run(s) are marked, and only those.
    const values = [a, b, c].map((r) => formatNumber(r.summary.perplexity, 3));
    const lowest = [a, b, c].reduce((m, r) => Math.min(m, r.summary.perplexity), Number.POSITIVE_INFINITY);
    const marked = await perplexity.locator('td.is-better').allTextContents();
    expect(marked.map((t) => t.replace(' (most confident)', ''))).toEqual(
      values.filter((v) => v === formatNumber(lowest, 3)),
    );
    expect(await page.getByRole('link', { name: /Swap/ }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/three-runs.png`, fullPage: true });

    await page.locator('summary', { hasText: 'Add a run…' }).click();
    await page.locator('#compare-search').fill('wombat');
    const choices = page.locator('.compare-picker .menu-choice');
    await expect.poll(() => choices.allTextContents(), WAIT).toEqual([expect.stringContaining(d.title)]);
    await page.screenshot({ path: `${SHOTS}/add-a-run.png` });
    await choices.first().click();
    await expect.poll(() => compareIds(page), WAIT).toEqual([a.id, b.id, c.id, d.id]);
    await expect.poll(() => columnTitles(page), WAIT).toEqual([a.title, b.title, c.title, d.title]);
    await columns.nth(3).getByTestId('xray-text').locator('.xr-t').first().waitFor(WAIT);
    await expect.poll(() => page.locator('.summary-table thead th').count(), WAIT).toBe(6);
    await page.screenshot({ path: `${SHOTS}/four-runs.png`, fullPage: true });

    await page.getByRole('button', { name: 'Remove run B from the comparison' }).click();
    await expect.poll(() => compareIds(page), WAIT).toEqual([a.id, c.id, d.id]);
    await expect.poll(() => columnTitles(page), WAIT).toEqual([a.title, c.title, d.title]);
    await page.getByRole('button', { name: 'Move run C left' }).click();
    await expect.poll(() => compareIds(page), WAIT).toEqual([a.id, d.id, c.id]);

    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => columnTitles(page), WAIT).toEqual([a.title, d.title, c.title]);
    expect(await sideways(page)).toEqual({ px: 0, wide: [] });
    await page.screenshot({ path: `${SHOTS}/three-runs-390.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps the two-run view: a Difference column, Swap, and no ×', async () => {
    const [a, b] = runs as [RunRecord, RunRecord];
    const { page, errors } = await openApp(session(), `#/compare/${a.id}/${b.id}`);
    await expect
      .poll(() => page.locator('.summary-table thead th').allTextContents(), WAIT)
      .toEqual(['Measure', `A · ${a.model}`, `B · ${b.model}`, 'Difference']);
    expect(await page.getByRole('button', { name: /^Remove run/ }).count()).toBe(0);
    await page.getByRole('link', { name: /Swap/ }).click();
    await expect.poll(() => compareIds(page), WAIT).toEqual([b.id, a.id]);
    await expect.poll(() => columnTitles(page), WAIT).toEqual([b.title, a.title]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('names the run that could not be opened and offers the others', async () => {
    const [a, b] = runs as [RunRecord, RunRecord];
    // Opened wide (the status line the helper waits for is hidden on narrow windows), then narrowed.
    const { page } = await openApp(session(), `#/compare/${a.id}/no-such-run/${b.id}`);
    await page.setViewportSize({ width: 360, height: 800 });
    const notice = page.locator('.notice-error', { hasText: 'Could not open one of the runs' });
    await notice.waitFor(WAIT);
    expect(await notice.textContent()).toContain('Run B (no-such-run)');
    expect(await sideways(page)).toEqual({ px: 0, wide: [] });
    await page.screenshot({ path: `${SHOTS}/missing-run-360.png` });
    await notice.getByRole('button', { name: 'Compare the others' }).click();
    await expect.poll(() => compareIds(page), WAIT).toEqual([a.id, b.id]);
    await expect.poll(() => page.locator('.compare-column').count(), WAIT).toBe(2);
    await page.context().close();
  });
});
