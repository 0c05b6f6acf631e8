/**
 * The X-ray web app end to end, through the real product: `tokenscope app` (built) on the shared
 * stories260K model, driven in chromium. Runs a prompt (raw text and chat) and watches it stream,
 * checks the colours, the tooltip (hover, pin, Escape), the explorer and branching, and the dark
 * theme. Screenshots: /tmp/shots/e2e/.
 */
import { DEFAULT_THRESHOLDS, type RunRecord, visibleWhitespace } from '@tokenscope/core';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerText, generate, openApp, openedRunId, SHOTS, savedRun, useAppSession } from './appSession.js';

const session = useAppSession();
/** A local run made through /api (not through the UI) for the tests that look at a finished run. */
let base: RunRecord;

beforeAll(async () => {
  const events = await generate(session().url, {
    target: { kind: 'local', model: 'stories260K' },
    prompt: { kind: 'text', text: 'Once upon a time' },
    params: { maxTokens: 24, topLogprobs: 5, seed: 3, temperature: 0.8 },
  });
  const done = events.find((e) => e.type === 'done');
  if (done?.type !== 'done') throw new Error(`no done event: ${JSON.stringify(events.at(-1))}`);
  base = done.run;
}, 120_000);

/** How long a poll waits for the server (a guard, not a timing). */
const WAIT = { timeout: 20_000 };
const tokenAt = (page: Page, i: number) => page.locator(`[data-testid=xray-text] .xr-t[data-i="${i}"]`);
const tooltip = (page: Page) => page.getByTestId('xray-tooltip');

/** The expected band of a probability under the default thresholds. */
function bandOf(p: number): string {
  const t = DEFAULT_THRESHOLDS.bands;
  if (p > t.green) return 'green';
  if (p > t.lime) return 'lime';
  if (p > t.yellow) return 'yellow';
  if (p > t.orange) return 'orange';
  return 'red';
}

/** The first token (from index 2 on) that has an alternative besides itself. */
function branchable(run: RunRecord): number {
  const tokens = run.response.completions[0]?.tokens ?? [];
  const i = tokens.findIndex((t, k) => k >= 2 && t.top.some((a) => a.text !== t.text && a.id !== undefined));
  if (i < 0) throw new Error(`run ${run.id} has no token with an alternative to branch on`);
  return i;
}

async function setField(page: Page, label: string, value: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(value);
}

describe('tokenscope app in the browser', { timeout: 60_000 }, () => {
  it('runs raw text on the local model: tokens show while it streams, then the saved run opens', async () => {
    const { page, errors } = await openApp(session());
    await page.getByRole('button', { name: 'Raw text', exact: true }).click();
    await setField(page, 'Text to continue', 'Once upon a time');
    await setField(page, 'Max tokens', '24');
    await setField(page, 'Seed', '11');
    await page.screenshot({ path: `${SHOTS}/compose.png` });
    // Slow the network so that the stream cannot arrive in one piece (the model is very fast).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: 6_000,
      uploadThroughput: -1,
    });
    await page.getByRole('button', { name: /^Run/ }).click();
    await page
      .locator('[data-testid=xray][data-streaming=true] [data-testid=xray-text] .xr-t')
      .first()
      .waitFor({ timeout: 60_000 });
    expect(page.url(), 'the run view opened before any token was shown while streaming').not.toContain(
      '#/run/',
    );
    expect(await page.locator('.stream-head h2').textContent()).toContain('Generating');
    await page.screenshot({ path: `${SHOTS}/streaming.png` });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    const id = await openedRunId(page);
    const run = await savedRun(session(), id);
    expect(run.source).toBe('local');
    expect(run.prompt).toEqual({ kind: 'text', text: 'Once upon a time' });
    expect(run.params).toMatchObject({ maxTokens: 24, seed: 11 });
    const count = run.response.completions[0]?.tokens.length ?? 0;
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(24);
    expect(await page.locator('[data-testid=xray-text] .xr-t').count()).toBeGreaterThan(0);
    expect(await page.locator('#run-title').textContent()).toContain('Once upon a time');
    expect(await page.locator('.history-item.is-current').count(), 'the new run is not in the history').toBe(
      1,
    );
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('runs a chat prompt on the local model and keeps the messages with the run', async () => {
    const { page, errors } = await openApp(session());
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    await setField(page, 'Message 2 (user)', 'Tell me a story about a cat.');
    await setField(page, 'Max tokens', '16');
    await page.getByRole('button', { name: /^Run/ }).click();
    const id = await openedRunId(page);
    const run = await savedRun(session(), id);
    expect(run.prompt).toEqual({
      kind: 'chat',
      messages: [{ role: 'user', content: 'Tell me a story about a cat.' }],
    });
    expect(run.response.completions[0]?.tokens.length ?? 0).toBeGreaterThan(0);
    await page.locator('.prompt-details summary').click();
    expect(await page.locator('.prompt-messages').textContent()).toContain('Tell me a story about a cat.');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('colours every token by its absolute band (class and colour), with glyph markers and a legend', async () => {
    const { page } = await openApp(session(), `#/run/${base.id}`);
    const tokens = base.response.completions[0]!.tokens;
    const els = page.locator('[data-testid=xray-text] .xr-t');
    await els.first().waitFor();
    const shownBands = await els.evaluateAll((list) =>
      list.map((el) => ({
        i: Number((el as HTMLElement).dataset.i),
        band: [...el.classList].find((c) => c.startsWith('xr-b-'))?.slice(5),
        bg: getComputedStyle(el).backgroundColor,
      })),
    );
    expect(shownBands.length).toBeGreaterThan(0);
    for (const { i, band } of shownBands) {
      const logprob = tokens[i]?.logprob;
      const expected = logprob === null || logprob === undefined ? 'red' : bandOf(Math.exp(logprob));
      expect(band, `token #${i} (${JSON.stringify(tokens[i]?.text)})`).toBe(expected);
    }
    const colours = new Map(shownBands.map((b) => [b.band, b.bg]));
    if (colours.has('green')) expect(colours.get('green')).toBe('rgb(189, 238, 196)');
    for (const [band, bg] of colours) expect(bg, `band ${band} has no colour`).not.toBe('rgba(0, 0, 0, 0)');
    expect(new Set(colours.values()).size).toBe(colours.size);
    expect(await page.locator('.xr-legend').textContent()).toContain('p > 90 %');
    expect(await page.getByTestId('xray-summary').textContent()).toMatch(/perplexity/i);
    await page.context().close();
  });

  it('shows the alternatives with their probabilities on hover; click pins, Escape unpins', async () => {
    const { page } = await openApp(session(), `#/run/${base.id}`);
    const i = branchable(base);
    const token = base.response.completions[0]!.tokens[i]!;
    await tokenAt(page, i).hover();
    await expect.poll(() => tooltip(page).isVisible(), { message: 'no tooltip on hover' }).toBe(true);
    // biome-ignore lint/performance/useDomNodeTextContent: the table as laid out (cells apart) is what is tested
    const text = await tooltip(page).innerText();
    expect(text).toContain(`token #${i}`);
    expect(text).toMatch(/alternative\s+p\s+logprob\s+bytes/);
    expect(text).toMatch(/\d+\.\d %/);
    for (const alt of token.top.slice(0, 2)) expect(text).toContain(visibleWhitespace(alt.text));
    await tokenAt(page, i).click();
    await expect.poll(() => tooltip(page).textContent()).toContain('pinned');
    await tokenAt(page, 0).hover();
    expect(await tooltip(page).textContent(), 'a pinned tooltip followed the mouse').toContain(`token #${i}`);
    await page.screenshot({ path: `${SHOTS}/xray-pinned.png` });
    await page.keyboard.press('Escape');
    await page.mouse.move(5, 5);
    await expect.poll(() => tooltip(page).count(), { message: 'Escape did not unpin' }).toBe(0);
    await page.context().close();
  });

  it('branches from an alternative: the new run continues the same answer, and the tree shows both', async () => {
    const { page, errors } = await openApp(session(), `#/run/${base.id}`);
    const k = branchable(base);
    const parentTokens = base.response.completions[0]!.tokens;
    await tokenAt(page, k).focus();
    await page.keyboard.press('Enter');
    const explorer = page.getByTestId('xray-explorer');
    await expect.poll(() => explorer.textContent(), WAIT).toContain('Recomputed by the local model');
    expect(await explorer.textContent()).toContain(`Next-token distribution at #${k}`);
    await explorer.screenshot({ path: `${SHOTS}/explorer.png` });
    const row = explorer
      .locator('tbody tr')
      .filter({ has: page.getByRole('button', { name: /^Branch from here/ }) })
      .first();
    const picked = (await row.locator('td.xr-mono').textContent())?.trim() ?? '';
    await row.getByRole('button', { name: /^Branch from here/ }).click();
    const id = await openedRunId(page, base.id);
    const branch = await savedRun(session(), id);
    expect(branch.source).toBe('branch');
    expect(branch.branch?.parentId).toBe(base.id);
    expect(branch.branch?.position).toBe(k);
    const chosen = branch.branch!.token.text;
    expect(visibleWhitespace(chosen)).toBe(picked);
    expect(chosen).not.toBe(parentTokens[k]!.text);
    const prefix = parentTokens
      .slice(0, k)
      .map((t) => t.text)
      .join('');
    expect(
      answerText(branch).startsWith(prefix + chosen),
      `"${answerText(branch)}" vs "${prefix}"+"${chosen}"`,
    ).toBe(true);
    const tree = page.getByRole('navigation', { name: 'Branches of this run' });
    await expect.poll(() => tree.locator('li').count(), WAIT).toBe(2);
    expect(await tree.textContent()).toContain('original');
    expect(await tree.textContent()).toContain(`at #${k}`);
    await page.screenshot({ path: `${SHOTS}/branch-tree.png` });
    await tree.getByRole('button', { name: '↑ Parent' }).click();
    await expect.poll(() => page.url(), WAIT).toContain(`#/run/${base.id}`);
    await expect.poll(() => tree.locator('li.is-current').textContent(), WAIT).toContain('original');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('switches to the dark theme: the page and the bands change colour', async () => {
    const { page } = await openApp(session(), `#/run/${base.id}`);
    const first = tokenAt(page, 0);
    const band = (await first.getAttribute('class'))?.match(/xr-b-\w+/)?.[0];
    expect(band, 'the first token has a band class').toBeDefined();
    const lightBand = await first.evaluate((el) => getComputedStyle(el).backgroundColor);
    await page.getByRole('button', { name: 'Dark', exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r = 255, g = 255, b = 255] = background.match(/\d+/g)?.map(Number) ?? [];
    expect(r + g + b, `body background ${background} is not dark`).toBeLessThan(200);
    // The same token's band colour changes with the theme.
    await expect.poll(() => first.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(lightBand);
    await tokenAt(page, branchable(base)).hover();
    await page.screenshot({ path: `${SHOTS}/dark.png` });
    await page.context().close();
  });
});
