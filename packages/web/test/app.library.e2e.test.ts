/**
 * The run library end to end, through the real `tokenscope app` in chromium: import (file picker,
 * drag-and-drop, a file that is not a response), compare two runs, export (HTML, Markdown, JSON
 * downloads), the history (search, rename, tag, delete), and attacker-controlled token text shown as
 * text in the app and in the exported page. Screenshots: /tmp/shots/e2e/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatNumber } from '@tokenscope/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  answerText,
  FIXTURES_DIR,
  getRun,
  importRun,
  openApp,
  openedRunId,
  patchRun,
  SHOTS,
  savedRun,
  useAppSession,
} from './appSession.js';
import { chatResponse, IMG, SCRIPT, SCRIPT_END } from './xrayFixtures.js';

const session = useAppSession();
const WAIT = { timeout: 20_000 };
const CHAT = 'openai-chat.tokenscope-serve-stories260k.recorded.json';
const COMPLETIONS = 'openai-completions.tokenscope-serve-stories260k.recorded.json';
const fixture = (name: string) => readFileSync(join(FIXTURES_DIR, name), 'utf8');
const fileInput = (page: Page) => page.locator('input[type=file][aria-label="Import a saved response"]');
const xrayText = (page: Page) => page.getByTestId('xray-text');

/** Picks a format in the run's Export menu and returns the downloaded file. */
async function download(page: Page, label: 'HTML' | 'Markdown' | 'JSON') {
  await page.locator('summary', { hasText: 'Export' }).click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: new RegExp(`^${label}\\b`) }).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), path, text: readFileSync(path, 'utf8') };
}

describe('the run library in the browser', { timeout: 60_000 }, () => {
  it('imports a saved response from the file picker and opens it', async () => {
    const { page, errors } = await openApp(session());
    await fileInput(page).setInputFiles(join(FIXTURES_DIR, 'openai-chat.seed003.recorded.json'));
    const run = await savedRun(session(), await openedRunId(page));
    expect(run.source).toBe('import');
    expect(run.fileName).toBe('openai-chat.seed003.recorded.json');
    const count = run.response.completions[0]!.tokens.length;
    expect(await xrayText(page).locator('.xr-t').count()).toBe(count);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('imports a file dropped on the page (a real DataTransfer drop event) and opens it', async () => {
    const { page } = await openApp(session());
    const text = fixture('tgi.generate.recorded.json');
    await page.evaluate((body) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([body], 'dropped-tgi.json', { type: 'application/json' }));
      (window as unknown as { __drop: DataTransfer }).__drop = transfer;
      document.body.dispatchEvent(
        new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
    }, text);
    await page.locator('.drop-overlay').waitFor();
    await page.screenshot({ path: `${SHOTS}/drop-overlay.png` });
    await page.evaluate(() => {
      const transfer = (window as unknown as { __drop: DataTransfer }).__drop;
      document.body.dispatchEvent(
        new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
    });
    const run = await savedRun(session(), await openedRunId(page));
    expect(run.fileName).toBe('dropped-tgi.json');
    expect(run.response.format).toBe('tgi');
    expect(await page.locator('.drop-overlay').count()).toBe(0);
    await page.context().close();
  });

  it('says why a file that is not a response cannot be imported, and offers to name the format', async () => {
    const { page, errors } = await openApp(session());
    await fileInput(page).setInputFiles({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"hello": "this is not a model response"}'),
    });
    const notice = page.locator('.notice-error', { hasText: 'Could not import notes.json' });
    await notice.waitFor(WAIT);
    expect((await notice.textContent())?.length ?? 0).toBeGreaterThan(
      'Could not import notes.json'.length + 20,
    );
    expect(await notice.getByLabel('Read it as').count()).toBe(1);
    expect(page.url()).not.toContain('#/run/');
    await page.screenshot({ path: `${SHOTS}/import-error.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('compares two runs side by side with their confidence summaries', async () => {
    const s = session();
    const a = await patchRun(s, (await importRun(s, CHAT, fixture(CHAT))).id, { title: 'quokka chat' });
    const b = await patchRun(s, (await importRun(s, COMPLETIONS, fixture(COMPLETIONS))).id, {
      title: 'quokka completions',
    });
    const { page, errors } = await openApp(s);
    await page.locator('#history-search').fill('quokka');
    const items = page.locator('.history-item');
    await expect.poll(() => items.count(), WAIT).toBe(2);
    for (const run of [a, b]) await page.getByLabel(`Select “${run.title}” to compare`).check();
    await page.getByRole('button', { name: 'Compare 2 runs', exact: true }).click();
    await expect.poll(() => page.url(), WAIT).toMatch(/#\/compare\/[^/]+\/[^/]+$/);
    const columns = page.locator('.compare-column');
    await expect.poll(() => columns.count(), WAIT).toBe(2);
    // Each column shows "Loading…" until its run arrives; wait for both titles.
    await expect
      .poll(async () => (await columns.locator('.card-head h3').allTextContents()).sort(), WAIT)
      .toEqual(['quokka chat', 'quokka completions']);
    for (let i = 0; i < 2; i++)
      await columns.nth(i).getByTestId('xray-text').locator('.xr-t').first().waitFor(WAIT);
    const perplexity = page.locator('.summary-table tr', { hasText: 'Perplexity' });
    await expect.poll(() => perplexity.textContent(), WAIT).toContain(formatNumber(b.summary.perplexity, 3));
    const row = await perplexity.textContent();
    expect(row).toContain(formatNumber(a.summary.perplexity, 3));
    expect(row).toContain(formatNumber(b.summary.perplexity, 3));
    expect(await page.locator('.summary-table').textContent()).toContain('Flagged tokens');
    await page.screenshot({ path: `${SHOTS}/compare.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('exports a run as HTML, Markdown and JSON downloads', async () => {
    const s = session();
    const run = await patchRun(s, (await importRun(s, CHAT, fixture(CHAT))).id, { title: 'export me' });
    const { page } = await openApp(s, `#/run/${run.id}`);
    await page.locator('#run-title').waitFor();
    const text = answerText(run);
    const html = await download(page, 'HTML');
    expect(html.name).toMatch(/\.html$/);
    expect(html.text).toMatch(/^<!doctype html>/i);
    expect(html.text).toContain('export me');
    expect(html.text).toContain('id="xray"');
    const md = await download(page, 'Markdown');
    expect(md.name).toMatch(/\.md$/);
    expect(md.text).toContain('export me');
    expect(md.text.toLowerCase()).toContain('perplexity');
    const json = await download(page, 'JSON');
    expect(json.name).toMatch(/\.json$/);
    const report = JSON.parse(json.text) as { text: string; tokens: unknown[]; run: { id: string } };
    expect(report.text).toBe(text);
    expect(report.tokens.length).toBe(run.response.completions[0]!.tokens.length);
    expect(report.run.id).toBe(run.id);
    await page.context().close();
  });

  it('searches, renames, tags and deletes runs in the history', async () => {
    const s = session();
    const run = await patchRun(s, (await importRun(s, CHAT, fixture(CHAT))).id, { title: 'walrus run' });
    const { page, errors } = await openApp(s);
    await page.locator('#history-search').fill('walrus');
    const item = page.locator(`.history-item[data-run-id="${run.id}"]`);
    await expect.poll(() => page.locator('.history-item').count(), WAIT).toBe(1);
    await item.getByRole('button', { name: 'Rename “walrus run”' }).click();
    await item.getByLabel('New title').fill('walrus renamed');
    await item.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => item.locator('.history-title').textContent(), WAIT).toBe('walrus renamed');
    expect((await savedRun(session(), run.id)).title).toBe('walrus renamed');

    await item.getByRole('button', { name: 'Edit tags of “walrus renamed”' }).click();
    await item.getByLabel('Tags, separated by commas or spaces').fill('walrus-tag, zoo');
    await item.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => item.locator('.tag').allTextContents(), WAIT).toEqual(['walrus-tag', 'zoo']);
    expect((await savedRun(session(), run.id)).tags.sort()).toEqual(['walrus-tag', 'zoo']);
    await page.locator('#history-search').fill('');
    await page.locator('#history-tag').selectOption('walrus-tag');
    await expect.poll(() => page.locator('.history-item').count(), WAIT).toBe(1);
    await page.screenshot({ path: `${SHOTS}/history.png` });

    await item.getByRole('button', { name: 'Delete “walrus renamed”' }).click();
    await item.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => item.count(), WAIT).toBe(0);
    expect(await getRun(s, run.id)).toBe(404);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows attacker-controlled token text as text in the app and in the exported page: nothing runs', async () => {
    const evil = [IMG, SCRIPT_END + SCRIPT];
    const response = chatResponse([
      { token: 'Hi ', logprob: -0.01, top: [['Hi ', -0.01]] },
      {
        token: evil[0]!,
        logprob: -0.4,
        top: [
          [evil[0]!, -0.4],
          [evil[1]!, -1.2],
        ],
      },
      {
        token: evil[1]!,
        logprob: -1.5,
        top: [
          ['ok', -0.3],
          [evil[1]!, -1.5],
        ],
      },
      { token: ' bye', logprob: -0.05, top: [[' bye', -0.05]] },
    ]);
    const { page, dialogs, errors } = await openApp(session());
    const scripts = await page.locator('script').count();
    await fileInput(page).setInputFiles({
      name: '<img src=x onerror=alert(3)>.json',
      mimeType: 'application/json',
      buffer: Buffer.from(response),
    });
    await openedRunId(page);
    const text = (await xrayText(page).textContent()) ?? '';
    for (const t of evil) expect(text).toContain(t);
    for (let i = 0; i < 4; i++) await xrayText(page).locator(`.xr-t[data-i="${i}"]`).hover();
    await xrayText(page).locator('.xr-t[data-i="1"]').click();
    expect(await page.getByTestId('xray-tooltip').textContent()).toContain(evil[1]);
    await page.keyboard.press('Enter');
    await page.getByTestId('xray-explorer').waitFor();
    expect(await page.locator('#run-title').textContent()).toContain('<img src=x onerror=alert(3)>');
    await page.screenshot({ path: `${SHOTS}/attack.png` });
    const injected = () =>
      page.evaluate(() => ({
        img: document.querySelectorAll('img').length,
        handlers: document.querySelectorAll('[onerror], [onload]').length,
      }));
    expect(await injected()).toEqual({ img: 0, handlers: 0 });
    expect(await page.locator('script').count(), 'a script element was added').toBe(scripts);

    const html = await download(page, 'HTML');
    const exported = await page.context().newPage();
    exported.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    exported.on('pageerror', (e) => errors.push(e.message));
    // The download has no extension; as .html the browser opens it as a page.
    const copy = join(session().tmp, 'attack-export.html');
    writeFileSync(copy, html.text);
    await exported.goto(`file://${copy}`);
    const tokens = exported.locator('#xray [data-i]');
    expect(await tokens.count()).toBe(4);
    for (let i = 0; i < 4; i++) await tokens.nth(i).hover();
    await tokens.nth(2).focus();
    const page2 = await exported.evaluate(() => ({
      text: document.getElementById('xray')?.textContent ?? '',
      img: document.querySelectorAll('img').length,
      handlers: document.querySelectorAll('[onerror], [onload]').length,
      scripts: document.querySelectorAll('script').length,
    }));
    for (const t of evil) expect(page2.text).toContain(t);
    expect(page2).toMatchObject({ img: 0, handlers: 0, scripts: 2 });
    await exported.screenshot({ path: `${SHOTS}/attack-export.png` });
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
