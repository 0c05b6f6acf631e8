/**
 * The datasets view over a large store in a real browser: `tokenscope app` on the store the batch
 * bench filled, `#/datasets` opened in a fresh context for the largest dataset, timed from navigation
 * start to the first chart drawn (an ECharts canvas inside the view). The page asks the server for
 * the aggregated summary only; the time of that request is reported beside it.
 */
import { hasChromium, launchChromium } from '../packages/web/test/launchChromium.js';
import { startApp } from '../packages/web/test/tokenscopeProcess.js';
import { median } from './stats.js';

const LOADS = 3;

export async function benchDatasetsView({ dataDir, log }) {
  if (!hasChromium()) return { skipped: 'chromium not found' };
  const app = await startApp(dataDir, { model: null });
  const browser = await launchChromium();
  try {
    const [dataset] = await (await fetch(`${app.url}/api/datasets`)).json();
    if (dataset === undefined) return { skipped: 'no dataset in the store' };
    const first = [];
    const summary = [];
    for (let i = 0; i < LOADS; i++) {
      log(`datasets view: load ${i + 1} of ${LOADS}`);
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      try {
        await page.goto(`${app.url}/#/datasets?dataset=${encodeURIComponent(dataset.name)}&groupBy=model`);
        await page.waitForSelector('[data-testid=datasets-view] canvas', { timeout: 120_000 });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
        const timing = await page.evaluate(() => {
          const entry = performance
            .getEntriesByType('resource')
            .find((e) => e.name.includes('/api/datasets/summary'));
          return {
            now: performance.now(),
            summary: entry ? entry.responseEnd - entry.startTime : Number.NaN,
          };
        });
        first.push(timing.now);
        summary.push(timing.summary);
      } finally {
        await context.close();
      }
    }
    return { firstChartMs: median(first), summaryMs: median(summary), loads: LOADS };
  } finally {
    await browser.close();
    await app.stop();
  }
}
