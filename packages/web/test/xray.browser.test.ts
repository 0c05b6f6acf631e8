/**
 * The X-ray in a real browser (Debian's chromium driven by playwright-core), against the harness
 * (xray.html) built into a temporary folder. Screenshots go to /tmp/shots/xray/.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { analyze, parseResponse, renderHtml } from '@tokenscope/core';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './launchChromium.js';
import { serveStatic } from './staticServer.js';
import { ATTACK, IMG, SCRIPT, SCRIPT_END } from './xrayFixtures.js';

const WEB = fileURLToPath(new URL('..', import.meta.url));
const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const FIXTURES = join(REPO, 'packages/core/src/formats/__fixtures__');
const SHOTS = '/tmp/shots/xray';
const STORIES = '/fx/openai-chat.tokenscope-serve-stories260k.recorded.json';

let tmp = '';
let server: Server | undefined;
let base = '';
let browser: Browser | undefined;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'xray-browser-'));
  const dist = join(tmp, 'dist');
  await promisify(execFile)(
    process.execPath,
    [
      join(REPO, 'node_modules/vite/bin/vite.js'),
      'build',
      WEB,
      '--outDir',
      dist,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: REPO },
  );
  mkdirSync(join(tmp, 't'));
  writeFileSync(join(tmp, 't', 'attack.json'), ATTACK);
  // The HTML report of the same answer the harness shows (the same default thresholds).
  const stories = readFileSync(join(FIXTURES, STORIES.slice('/fx/'.length)), 'utf8');
  writeFileSync(join(tmp, 't', 'report.html'), renderHtml(analyze(parseResponse(stories))));
  mkdirSync(SHOTS, { recursive: true });
  const served = await serveStatic([
    ['/fx/', FIXTURES],
    ['/t/', join(tmp, 't')],
    ['/', dist],
  ]);
  server = served.server;
  base = served.url;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Opens the harness; `dialogs` collects any alert/confirm (none may ever open). */
async function open(query: string, options: { width?: number; height?: number } = {}) {
  const page = await browser!.newPage({
    viewport: { width: options.width ?? 1300, height: options.height ?? 900 },
  });
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/xray.html?${query}`);
  await page.waitForSelector('html[data-xray-painted]', { timeout: 60_000 });
  return { page, dialogs, errors };
}

/** What a locator shows, as laid out (line breaks and spaces between cells kept). */
// biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is being tested
const shown = (l: Locator) => l.innerText();
const token = (page: Page, i: number) => page.locator(`.xr-t[data-i="${i}"]`);
const tooltip = (page: Page) => page.getByTestId('xray-tooltip');
const focusedIndex = (page: Page) =>
  page.evaluate(() => Number((document.activeElement as HTMLElement).dataset.i));

describe('X-ray in the browser', () => {
  it('colours every token by its absolute band, with a legend that states the thresholds', async () => {
    const { page, errors } = await open(`src=${STORIES}`);
    const tokens = page.locator('[data-testid=xray-text] .xr-t');
    expect(await tokens.count()).toBe(16);
    const bands = await tokens.evaluateAll((els) =>
      els.map((el) => [...el.classList].find((c) => c.startsWith('xr-b-'))),
    );
    expect(bands.every((b) => b !== undefined)).toBe(true);
    const green = page.locator('[data-testid=xray-text] .xr-b-green').first();
    expect(await green.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(189, 238, 196)');
    const legend = await page.locator('.xr-legend').textContent();
    expect(legend).toContain('p > 90 %');
    expect(legend).toContain('30 % < p ≤ 50 %');
    expect(legend).toContain('ambiguous (top1 − top2 < 15 %)');
    // Flagged tokens carry a glyph, not only a colour.
    expect(await page.locator('[data-testid=xray-text] .xr-f .xr-mk').count()).toBeGreaterThan(0);
    expect(await tokens.first().getAttribute('aria-label')).toMatch(/%, \w+ band/);
    await page.screenshot({ path: `${SHOTS}/light.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the alternatives on hover, beside the line and never over it; click pins, Escape unpins', async () => {
    const { page } = await open(`src=${STORIES}`);
    await token(page, 12).hover();
    const tip = tooltip(page);
    await expect.poll(() => tip.isVisible()).toBe(true);
    const text = await shown(tip);
    expect(text).toContain('token #12');
    expect(text).toMatch(/alternative\s+p\s+logprob\s+bytes/);
    expect(text).toMatch(/the top-3 alternatives cover \d+\.\d % of the probability/);
    expect(text).toMatch(/entropy/);
    const tokenBox = (await token(page, 12).boundingBox())!;
    const tipBox = (await tip.boundingBox())!;
    expect(tipBox.y >= tokenBox.y + tokenBox.height || tipBox.y + tipBox.height <= tokenBox.y).toBe(true);
    // With room below, it also leaves the next line (the one read next) visible.
    const pitch = await token(page, 12).evaluate((el) =>
      Number.parseFloat(getComputedStyle(el.parentElement ?? el).lineHeight),
    );
    expect(tipBox.y).toBeGreaterThanOrEqual(tokenBox.y + tokenBox.height + 0.9 * pitch);

    await token(page, 12).click();
    await expect.poll(() => tip.textContent()).toContain('pinned');
    await token(page, 3).hover();
    expect(await tip.textContent()).toContain('token #12');
    await page.keyboard.press('Escape');
    await page.mouse.move(5, 5);
    await expect.poll(() => tip.count()).toBe(0);
    await page.close();
  });

  it("says what the HTML report's tooltip says for the same token", async () => {
    const { page } = await open(`src=${STORIES}`);
    const report = await browser!.newPage({ viewport: { width: 1300, height: 900 } });
    await report.goto(`${base}/t/report.html`);
    // Lines as laid out, spaces and tabs between cells collapsed; the app's pin hint is its own.
    const lines = (text: string) =>
      text
        .split('\n')
        .map((l) => l.replace(/\s+/g, ' ').trim())
        .filter((l) => l !== '' && !l.startsWith('Click to pin'));
    const count = await page.locator('[data-testid=xray-text] .xr-t').count();
    expect(count).toBe(16);
    for (let i = 0; i < count; i++) {
      await token(page, i).hover();
      await expect.poll(() => tooltip(page).textContent()).toContain(`token #${i}`);
      await report.locator(`#t${i}`).hover();
      await expect.poll(() => report.locator('#ts-tip').textContent()).toContain(`token #${i}`);
      const app = lines(await shown(tooltip(page)));
      expect(app).toEqual(lines(await shown(report.locator('#ts-tip'))));
      expect(app.length).toBeGreaterThanOrEqual(5);
    }
    await token(page, 12).hover();
    await report.locator('#t12').hover();
    await page.screenshot({ path: `${SHOTS}/tooltip-app.png` });
    await report.screenshot({ path: `${SHOTS}/tooltip-report.png` });
    await report.close();
    await page.close();
  });

  it('places the tooltip above the line near the bottom of the window', async () => {
    const { page } = await open(`src=${STORIES}`, { width: 1300, height: 900 });
    const box = (await token(page, 5).boundingBox())!;
    await page.setViewportSize({ width: 1300, height: Math.round(box.y + box.height + 60) });
    await token(page, 5).hover();
    const tipBox = (await tooltip(page).boundingBox())!;
    const now = (await token(page, 5).boundingBox())!;
    expect(tipBox.y + tipBox.height).toBeLessThanOrEqual(now.y);
    await page.close();
  });

  it('moves with the keyboard: one tab stop, arrows, n / p between flagged tokens, Enter explores', async () => {
    const { page } = await open(`src=${STORIES}`);
    expect(await page.locator('[data-testid=xray-text] [tabindex="0"]').count()).toBe(1);
    await token(page, 0).focus();
    const flagged = await page
      .locator('[data-testid=xray-text] .xr-f')
      .evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.i)));
    expect(flagged.length).toBeGreaterThan(1);
    await page.keyboard.press('n');
    expect(await focusedIndex(page)).toBe(flagged[0]);
    await page.keyboard.press('n');
    expect(await focusedIndex(page)).toBe(flagged[1]);
    await page.keyboard.press('p');
    expect(await focusedIndex(page)).toBe(flagged[0]);
    await page.keyboard.press('k');
    expect(await focusedIndex(page)).toBe(flagged[flagged.length - 1]);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    expect(await focusedIndex(page)).toBe(1);
    expect(await page.locator('[data-testid=xray-text] [tabindex="0"]').getAttribute('data-i')).toBe('1');
    expect(await tooltip(page).textContent()).toContain('token #1');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('xray-explorer').isVisible()).toBe(true);
    expect(await page.getByTestId('xray-explorer').textContent()).toContain('Next-token distribution at #1');
    await page.close();
  });

  it('draws the charts and links them with the text both ways', async () => {
    const { page } = await open(`src=${STORIES}`);
    const chart = page.getByTestId('xray-chart');
    await expect.poll(() => chart.getAttribute('data-drawn')).toBe('16');
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
    // Chart -> text: clicking the column of token 9 goes to it and pins it.
    const box = (await chart.boundingBox())!;
    const plotLeft = box.x + 48;
    const column = (box.width - 48 - 16) / 16;
    await page.mouse.move(plotLeft + column * 9.5, box.y + 34 + 60);
    await expect.poll(() => token(page, 9).getAttribute('class')).toContain('xr-linked');
    await page.mouse.click(plotLeft + column * 9.5, box.y + 34 + 60);
    await expect.poll(() => focusedIndex(page)).toBe(9);
    expect(await tooltip(page).textContent()).toContain('token #9');
    await page.keyboard.press('Escape');
    // Text -> chart: focusing a token points the chart at it (the chart's own tooltip names it).
    await page.mouse.move(5, 5);
    await token(page, 4).focus();
    await expect.poll(() => chart.textContent()).toContain('#4');
    await page.close();
  });

  it('shows attacker-controlled token text as text: nothing runs, no element is made from it', async () => {
    const { page, dialogs, errors } = await open('src=/t/attack.json&loader=fake');
    const text = page.getByTestId('xray-text');
    expect(await text.textContent()).toContain(IMG);
    expect(await text.textContent()).toContain(SCRIPT_END);
    expect(await text.textContent()).toContain('\\e[31m');
    for (let i = 0; i < 6; i++) await token(page, i).hover();
    await token(page, 1).click();
    await page.keyboard.press('Enter');
    await page.getByTestId('xray-explorer').waitFor();
    await token(page, 5).focus();
    await page.keyboard.press('Enter');
    const chart = page.getByTestId('xray-chart');
    const box = (await chart.boundingBox())!;
    for (let k = 0; k < 6; k++)
      await page.mouse.move(box.x + 48 + ((box.width - 64) / 6) * (k + 0.5), box.y + 90);
    await page.waitForTimeout(300);
    expect(
      await page.locator('img, svg[onload], script:not([src]):not([type="application/json"])').count(),
    ).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('[onerror], [onload]').length)).toBe(0);
    expect(await page.getByTestId('xray-explorer').textContent()).toContain(SCRIPT);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/attack.png`, fullPage: true });
    await page.close();
  });

  it('explores the distribution: long tail summarised, what-if sliders, branch from an alternative', async () => {
    const { page } = await open(`src=${STORIES}&loader=fake`);
    await token(page, 12).focus();
    await page.keyboard.press('Enter');
    const explorer = page.getByTestId('xray-explorer');
    await expect.poll(() => explorer.textContent()).toContain('Recomputed by the local model');
    expect(await page.getByTestId('xray-tail').textContent()).toMatch(/\d+ more tokens share \d+\.\d %/);
    const before = await page.getByTestId('xray-whatif').textContent();
    expect(before).toMatch(/Sampled token .* → .* at T 0\.80, top-p 0\.95/);
    await explorer.locator('input[name=top-p]').evaluate((el: HTMLInputElement) => {
      el.value = '0.1';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await expect.poll(() => page.getByTestId('xray-whatif').textContent()).toContain('1 of');
    expect(await explorer.locator('tr.xr-cut').count()).toBeGreaterThan(0);
    await explorer.locator('input[name=temperature]').evaluate((el: HTMLInputElement) => {
      el.value = '0';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await expect.poll(() => page.getByTestId('xray-whatif').textContent()).toContain('T 0.00');
    await explorer
      .getByRole('button', { name: /^Branch from here/ })
      .first()
      .click();
    await expect.poll(() => page.getByTestId('branch-log').textContent()).toMatch(/^12:"/);
    await page.screenshot({ path: `${SHOTS}/explorer.png`, fullPage: true });
    await page.close();
  });

  it('changes thresholds live', async () => {
    const { page } = await open(`src=${STORIES}`);
    const greens = () => page.locator('[data-testid=xray-text] .xr-b-green').count();
    const before = await greens();
    await page.locator('.xr-controls summary').click();
    await page.locator('input[name=band-green]').evaluate((el: HTMLInputElement) => {
      el.value = '5';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await expect.poll(greens).toBeGreaterThan(before);
    expect(await page.locator('.xr-legend').textContent()).toContain('p > 5 %');
    expect(await page.locator('.xr-legend').textContent()).toContain('p ≤ 2 % or below the top-k');
    await page.close();
  });

  it('renders live while streaming, the charts included', async () => {
    const { page } = await open('big=600&stream=1&rate=5');
    const count = () => page.locator('[data-testid=xray-text] .xr-t').count();
    await expect.poll(count).toBeGreaterThan(20);
    expect(await page.getByTestId('xray').getAttribute('data-streaming')).toBe('true');
    const drawn = Number(await page.getByTestId('xray-chart').getAttribute('data-drawn'));
    await expect
      .poll(async () => Number(await page.getByTestId('xray-chart').getAttribute('data-drawn')))
      .toBeGreaterThan(drawn);
    await page.close();
  });

  it('renders a 10,000-token answer and still navigates', async () => {
    const { page, errors } = await open('big=10000');
    expect(await page.locator('[data-testid=xray-text] .xr-t').count()).toBe(10_000);
    await token(page, 0).focus();
    await page.keyboard.press('End');
    expect(await focusedIndex(page)).toBe(9_999);
    await page.keyboard.press('n');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('xr-f'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('follows the dark theme (data-theme wins) and has a compact layout without charts', async () => {
    const { page } = await open(`src=${STORIES}&theme=dark`);
    const green = page.locator('[data-testid=xray-text] .xr-b-green').first();
    expect(await green.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(30, 77, 43)');
    await token(page, 12).hover();
    await page.screenshot({ path: `${SHOTS}/dark.png`, fullPage: true });
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
    expect(await green.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(189, 238, 196)');
    await page.close();
    const compact = await open(`src=${STORIES}&compact=1`, { width: 640 });
    expect(await compact.page.getByTestId('xray-chart').count()).toBe(0);
    expect(await compact.page.getByTestId('xray-summary').isVisible()).toBe(true);
    await compact.page.screenshot({ path: `${SHOTS}/compact.png`, fullPage: true });
    await compact.page.close();
  });
});
