/**
 * Streaming stays smooth: a 1,000-token answer streamed through the X-ray harness (xray.html
 * `?stream=1`, real recorded tokens) updates ONE chart by merging data into it (not by rebuilding its
 * option on every update), keeps the charts live, and leaves the finished part of the text alone.
 * Structural checks only, never timings (the long-task figures are printed for the record).
 * Screenshot: /tmp/shots/polish/streaming.png.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAppBuilt } from './ensureAppBuilt.js';
import { launchChromium } from './launchChromium.js';
import { serveStatic } from './staticServer.js';
import { REPO_ROOT } from './tokenscopeProcess.js';

const SHOTS = '/tmp/shots/polish';
let server: Server | undefined;
let base = '';
let browser: Browser | undefined;

beforeAll(async () => {
  ensureAppBuilt();
  mkdirSync(SHOTS, { recursive: true });
  const served = await serveStatic([['/', join(REPO_ROOT, 'packages/web/dist')]]);
  server = served.server;
  base = served.url;
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

interface StreamRecord {
  /** Values of the chart's `data-drawn` (tokens drawn) seen while the stream ran. */
  drawnWhileStreaming: number[];
  /** DOM changes inside the first 200-token chunk once the stream was 400 tokens past it. */
  finishedChunkMutations: number;
  longTasks: number[];
}

describe('X-ray while a long answer streams', () => {
  it('merges data into one chart, stays live, and leaves finished text alone', async () => {
    const page = await browser!.newPage({ viewport: { width: 1300, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => {
      const w = window as unknown as { __record: StreamRecord };
      w.__record = { drawnWhileStreaming: [], finishedChunkMutations: 0, longTasks: [] };
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__record.longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
      const watch = new MutationObserver(() => {
        const root = document.querySelector('[data-testid=xray]');
        const chart = document.querySelector<HTMLElement>('[data-testid=xray-chart]');
        if (root?.getAttribute('data-streaming') === 'true' && chart?.dataset.drawn)
          w.__record.drawnWhileStreaming.push(Number(chart.dataset.drawn));
        // The first chunk, once two more have begun (its span marks are settled by then).
        const chunks = document.querySelectorAll('[data-testid=xray-text] .xr-chunk');
        const first = chunks[0];
        if (first && chunks.length >= 3 && !first.hasAttribute('data-watched')) {
          first.setAttribute('data-watched', '');
          new MutationObserver((m) => {
            if (root?.getAttribute('data-streaming') === 'true')
              w.__record.finishedChunkMutations += m.length;
          }).observe(first, { subtree: true, childList: true, attributes: true, characterData: true });
        }
      });
      document.addEventListener('DOMContentLoaded', () =>
        watch.observe(document.body, { subtree: true, childList: true, attributes: true }),
      );
    });
    await page.goto(`${base}/xray.html?stream=1&rate=5&big=1000`);
    await page.waitForSelector('[data-testid=xray][data-streaming=false]', { timeout: 180_000 });
    const chart = page.getByTestId('xray-chart');
    await expect.poll(() => chart.getAttribute('data-drawn'), { timeout: 20_000 }).toBe('1000');
    const record = await page.evaluate(() => (window as unknown as { __record: StreamRecord }).__record);
    const counts = await chart.evaluate((el: HTMLElement) => ({ ...el.dataset }));

    // One ECharts instance for the whole stream; its whole option is set on the first draw and when the
    // stream ends; every update in between only merges the data (see chartStreamUpdate).
    expect(counts.inits).toBe('1');
    expect(Number(counts.fullDraws)).toBeLessThanOrEqual(3);
    expect(Number(counts.streamDraws)).toBeGreaterThanOrEqual(2);
    // Live: the charts grew while tokens were still arriving.
    const live = [...new Set(record.drawnWhileStreaming)].filter((n) => n > 0 && n < 1000);
    expect(live.length).toBeGreaterThanOrEqual(2);
    // The finished first chunk was not touched while the rest streamed.
    expect(record.finishedChunkMutations).toBe(0);
    expect(await page.locator('[data-testid=xray-text] .xr-t').count()).toBe(1000);
    expect(errors).toEqual([]);
    const total = record.longTasks.reduce((s, d) => s + d, 0);
    console.log(
      `streaming 1000 tokens: ${record.longTasks.length} long tasks, longest ${Math.round(Math.max(0, ...record.longTasks))} ms, total ${Math.round(total)} ms (chart draws: ${counts.fullDraws} full, ${counts.streamDraws} data-only)`,
    );
    await page.screenshot({ path: `${SHOTS}/streaming.png` });
    await page.close();
  }, 240_000);
});
