/**
 * The X-ray in a real browser (chromium via playwright-core), on the built app (packages/web/dist,
 * served by the real `tokenscope app`; nothing is built here):
 *   - the harness (xray.html?big=10000): from the response to the first painted frame of the X-ray's
 *     text, as the harness measures it (window.__xray), and to the charts drawn;
 *   - the app: a 10,000-token response imported into the run history, then #/run/ID opened in a new
 *     tab: from navigation start to the frame that shows the last token, and from the run's JSON
 *     received to that frame (parse, analysis, render);
 *   - key presses on that run (n: next flagged token, ArrowRight): from the key event to the next
 *     painted frame.
 * Each load is a fresh browser context; the figures are medians of `runs` loads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasChromium, launchChromium } from '../packages/web/test/launchChromium.js';
import { startApp } from '../packages/web/test/tokenscopeProcess.js';
import { makeChatSse } from './core.js';
import { median } from './stats.js';

const TOKENS = 10_000;
const KEYS = 20;

/** Opens a page in a fresh context; `init` runs before the page's own scripts. */
async function freshPage(browser, init) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  if (init) await page.addInitScript(init, TOKENS - 1);
  return { page, close: () => context.close() };
}

/** In the page, before the app runs: note the frame after the last token of the X-ray first exists. */
function watchLastToken(last) {
  const seen = new MutationObserver(() => {
    if (!document.querySelector(`[data-testid=xray-text] .xr-t[data-i="${last}"]`)) return;
    seen.disconnect();
    requestAnimationFrame(() =>
      setTimeout(() => {
        window.__paintedMs = performance.now();
      }, 0),
    );
  });
  seen.observe(document, { childList: true, subtree: true });
}

async function harnessLoad(browser, url) {
  const { page, close } = await freshPage(browser);
  try {
    await page.goto(`${url}/xray.html?big=${TOKENS}`);
    await page.waitForSelector('html[data-xray-painted]', { timeout: 120_000 });
    await page.waitForFunction(() => window.__xray?.chartsMs !== undefined, null, { timeout: 120_000 });
    return await page.evaluate(() => window.__xray);
  } finally {
    await close();
  }
}

async function appLoad(browser, url, id) {
  const { page, close } = await freshPage(browser, watchLastToken);
  try {
    await page.goto(`${url}/#/run/${id}`);
    await page.waitForFunction(() => window.__paintedMs !== undefined, null, { timeout: 120_000 });
    return await page.evaluate((runId) => {
      const fetched = performance
        .getEntriesByType('resource')
        .find((e) => e.name.endsWith(`/api/runs/${runId}`));
      return { paintedMs: window.__paintedMs, fromRunMs: window.__paintedMs - (fetched?.responseEnd ?? 0) };
    }, id);
  } finally {
    await close();
  }
}

/** Key presses on the open 10,000-token run: ms from each key event to the next painted frame. */
async function keyLatencies(browser, url, id) {
  const { page, close } = await freshPage(browser, watchLastToken);
  try {
    await page.goto(`${url}/#/run/${id}`);
    await page.waitForFunction(() => window.__paintedMs !== undefined, null, { timeout: 120_000 });
    await page.locator('[data-testid=xray-text] .xr-t[data-i="0"]').focus();
    await page.evaluate(() => {
      window.__keys = [];
      document.addEventListener(
        'keydown',
        (e) => {
          const start = e.timeStamp;
          requestAnimationFrame(() => setTimeout(() => window.__keys.push(performance.now() - start), 0));
        },
        true,
      );
    });
    for (let i = 0; i < KEYS; i++) {
      await page.keyboard.press(i % 2 === 0 ? 'n' : 'ArrowRight');
      await page.waitForFunction((n) => window.__keys.length > n, i);
    }
    return await page.evaluate(() => window.__keys);
  } finally {
    await close();
  }
}

/**
 * Measures the web app. Returns `{ skipped }` with a reason, or `{ runs, harness: {firstPaintMs,
 * parseMs, chartsMs}, app: {paintedMs, fromRunMs}, keys: {median, max} }` (milliseconds, medians).
 */
export async function benchWeb({ runs, log }) {
  if (!hasChromium())
    return { skipped: 'chromium not found (set $TOKENSCOPE_CHROMIUM or apt-get install chromium)' };
  const tmp = mkdtempSync(join(tmpdir(), 'tokenscope-bench-web-'));
  let app;
  let browser;
  try {
    // No model (a folder without one, no model variables): the engine does not compete for the CPU.
    app = await startApp(join(tmp, 'data'), {
      model: null,
      cwd: tmp,
      env: { TOKENSCOPE_MODELS_DIR: undefined },
    });
    browser = await launchChromium();
    const res = await fetch(`${app.url}/api/import?name=bench-${TOKENS}.sse.txt`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: makeChatSse(TOKENS, 5),
    });
    if (!res.ok) throw new Error(`import of the ${TOKENS}-token response failed: ${await res.text()}`);
    const { id } = await res.json();
    log(`web: warm-up`);
    await harnessLoad(browser, app.url);
    await appLoad(browser, app.url, id);
    const harness = [];
    const opened = [];
    for (let i = 0; i < runs; i++) {
      log(`web: load ${i + 1} of ${runs}`);
      harness.push(await harnessLoad(browser, app.url));
      opened.push(await appLoad(browser, app.url, id));
    }
    const keys = await keyLatencies(browser, app.url, id);
    const pick = (list, key) => median(list.map((x) => x[key]));
    return {
      runs,
      harness: {
        firstPaintMs: pick(harness, 'firstPaintMs'),
        parseMs: pick(harness, 'parseMs'),
        chartsMs: pick(harness, 'chartsMs'),
      },
      app: { paintedMs: pick(opened, 'paintedMs'), fromRunMs: pick(opened, 'fromRunMs') },
      keys: { median: median(keys), max: Math.max(...keys), count: keys.length },
    };
  } finally {
    await browser?.close();
    await app?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
