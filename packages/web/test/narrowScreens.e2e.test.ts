/**
 * Narrow windows, through the real app (`tokenscope app`, built): from a phone (360-390 px) to a
 * desktop (1400 px) the page never scrolls sideways, and the X-ray stays inside the main column, with
 * the explorer open and a tooltip pinned at the right edge of the text. Screenshots:
 * /tmp/shots/polish/narrow-*.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '@tokenscope/core';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR, generate, importRun, openApp, useAppSession } from './appSession.js';

const SHOTS = '/tmp/shots/polish';
const session = useAppSession();
let local: RunRecord;
let imported: RunRecord;

beforeAll(async () => {
  const events = await generate(session().url, {
    target: { kind: 'local', model: 'stories260K' },
    prompt: { kind: 'text', text: 'Once upon a time' },
    params: { maxTokens: 32, topLogprobs: 5, temperature: 0 },
  });
  const done = events.find((e) => e.type === 'done');
  if (done?.type !== 'done') throw new Error(`no done event: ${JSON.stringify(events.at(-1))}`);
  local = done.run;
  const name = 'openai-chat.seed003.recorded.json';
  imported = await importRun(session(), name, readFileSync(join(FIXTURES_DIR, name), 'utf8'));
}, 120_000);

/**
 * How far the page and the main column reach past the window, and the X-ray past the main column;
 * `wide` names the elements that reach past the main column, outside scrolling boxes (for the failure
 * message).
 */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const main = document.querySelector('.shell-main');
    const xray = document.querySelector('[data-testid=xray]');
    const right = main?.getBoundingClientRect().right ?? window.innerWidth;
    const wide: string[] = [];
    const scrolled = (el: Element) => {
      for (let p = el.parentElement; p && p !== main; p = p.parentElement)
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      return false;
    };
    for (const el of main?.querySelectorAll('*') ?? []) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > right + 0.5 && wide.length < 5 && !scrolled(el)) {
        let named: Element | null = el;
        while (named && named !== main && named.classList.length === 0 && !named.getAttribute('data-testid'))
          named = named.parentElement;
        const where =
          named === el
            ? ''
            : ` in ${named?.tagName.toLowerCase()}.${[...(named?.classList ?? [])].join('.')}[${named?.getAttribute('data-testid') ?? ''}]`;
        wide.push(
          `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}${where} (${Math.round(box.width)} px, left ${Math.round(box.left)}, style ${el.getAttribute('style')})`,
        );
      }
    }
    return {
      page: document.documentElement.scrollWidth - window.innerWidth,
      main: main ? main.scrollWidth - main.clientWidth : 0,
      xray: xray ? Math.max(0, Math.round(xray.getBoundingClientRect().right - right)) : 0,
      wide,
    };
  });
}

/** Nothing reaches past the window or the main column. */
async function expectNoOverflow(page: Page, where: string): Promise<void> {
  const { wide, ...o } = await overflow(page);
  expect(o, `${where}: ${wide.join(', ')}`).toEqual(NONE);
}

const NONE = { page: 0, main: 0, xray: 0 };

/** Pins the token that ends furthest right on its line (its tooltip must not widen the page). */
async function pinRightmostToken(page: Page): Promise<void> {
  const tokens = page.locator('[data-testid=xray-text] .xr-t');
  const index = await tokens.evaluateAll((els) => {
    let best = 0;
    let right = -1;
    els.forEach((el, i) => {
      const r = el.getBoundingClientRect().right;
      if (r > right) [best, right] = [i, r];
    });
    return best;
  });
  await tokens.nth(index).click();
  await page.getByTestId('xray-tooltip').waitFor();
}

describe('the app on narrow and wide windows', { timeout: 90_000 }, () => {
  for (const width of [390, 700]) {
    it(`has no sideways scroll at ${width} px: home, a run with the explorer and a pinned tooltip, a comparison`, async () => {
      // Opened wide (the status line the helper waits for is hidden on narrow windows), then narrowed.
      const { page, errors, context } = await openApp(session(), '#/');
      await page.setViewportSize({ width, height: 900 });
      await page.locator('.shell-main').waitFor();
      await expectNoOverflow(page, 'home');
      await page.screenshot({ path: `${SHOTS}/narrow-${width}-home.png` });

      await page.goto(`${session().url}/#/run/${local.id}`);
      await page.locator('[data-testid=xray-text] .xr-t').first().waitFor();
      await page.getByTestId('xray-chart').and(page.locator('[data-drawn]')).waitFor();
      await expectNoOverflow(page, 'run');
      await page.locator('[data-testid=xray-text] .xr-t').nth(3).focus();
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.getByTestId('xray-explorer').textContent(), { timeout: 20_000 })
        .toContain('Recomputed by the local model');
      await pinRightmostToken(page);
      await expectNoOverflow(page, 'run with the explorer and a pinned tooltip');
      await page.screenshot({ path: `${SHOTS}/narrow-${width}-run.png` });

      await page.goto(`${session().url}/#/compare/${local.id}/${imported.id}`);
      await page.locator('[data-testid=xray-text]').first().waitFor();
      await expectNoOverflow(page, 'comparison');
      await page.screenshot({ path: `${SHOTS}/narrow-${width}-compare.png` });
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('has no sideways scroll on a run, explorer open, at any width from 360 to 1400 px', async () => {
    const { page, errors, context } = await openApp(session(), `#/run/${local.id}`, { width: 1400 });
    await page.locator('[data-testid=xray-text] .xr-t').nth(5).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('xray-explorer').textContent(), { timeout: 20_000 })
      .toContain('Recomputed by the local model');
    const seen: Record<number, Awaited<ReturnType<typeof overflow>>> = {};
    for (let width = 360; width <= 1400; width += 40) {
      await page.setViewportSize({ width, height: 900 });
      // Two frames: the charts follow their box from a ResizeObserver, after the first frame's layout.
      await page.evaluate(
        () =>
          new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(null)))),
      );
      seen[width] = await overflow(page);
    }
    expect(Object.entries(seen).filter(([, o]) => o.page > 0 || o.main > 0 || o.xray > 0)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
