/**
 * Remote endpoints and the no-model state, end to end through the real `tokenscope app` in chromium:
 * a run through the "Remote endpoint" form against a real `tokenscope serve` (OpenAI-compatible, with
 * an API key) whose key never reaches the SQLite files, the logs or the page's storage; an endpoint
 * that refuses logprobs falls back to sampling consistency and says why; with no model the app still
 * opens and says what to do.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REASONING_REFUSAL, startReasoningLike, TEST_API_KEY } from '../../providers/test/probeServers.js';
import { openApp, openedRunId, SHOTS, savedRun, useAppSession } from './appSession.js';
import {
  SERVE_READY,
  STORIES,
  startApp,
  startTokenscope,
  type TokenscopeProcess,
} from './tokenscopeProcess.js';

const session = useAppSession();
const WAIT = { timeout: 30_000 };
const KEY = 'sk-e2e-remote-7f3a9c-secret';
let upstream: TokenscopeProcess | undefined;

beforeAll(async () => {
  upstream = await startTokenscope(
    ['serve', '--no-app', '--port', '0', '--api-key', KEY, '--model', STORIES, '--threads', '1'],
    { ready: SERVE_READY },
  );
}, 120_000);
afterAll(() => upstream?.stop());

/** Picks "Remote endpoint" in the compose panel and fills its fields. */
async function useRemote(page: Page, baseURL: string, model: string, key: string): Promise<void> {
  await page.locator('#compose-model').selectOption('__remote__');
  const fields = page.locator('.remote-fields');
  await fields.getByLabel('Base URL').fill(baseURL);
  await fields.getByLabel('Remote model').fill(model);
  // The note below the field is its description, not part of its name.
  const keyField = fields.getByLabel('API key', { exact: true });
  expect(await keyField.getAttribute('aria-describedby')).toBe('compose-api-key-note');
  await keyField.fill(key);
}

/** Every file of the data folder (the SQLite database, its WAL and shared memory), as bytes. */
function dataFiles(dir: string): Array<{ name: string; bytes: Buffer }> {
  return readdirSync(dir).map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));
}

describe('remote endpoints and the no-model state', { timeout: 90_000 }, () => {
  it('runs a prompt through the Remote endpoint form; the key is not saved anywhere', async () => {
    const s = session();
    const { page, errors } = await openApp(s);
    await page.getByRole('button', { name: 'Raw text', exact: true }).click();
    await page.getByLabel('Text to continue', { exact: true }).fill('Once upon a time');
    await useRemote(page, `${upstream!.url}/v1`, 'stories260K', KEY);
    await page.getByLabel('Max tokens', { exact: true }).fill('16');
    await page.getByRole('button', { name: /^Run/ }).click();
    const id = await openedRunId(page);
    const run = await savedRun(s, id);
    expect(run.source).toBe('remote');
    expect(run.endpoint).toBe(`${upstream!.url}/v1`);
    expect(run.response.completions[0]?.tokens.length ?? 0).toBeGreaterThan(0);
    expect(run.response.completions[0]?.tokens[0]?.top.length ?? 0).toBeGreaterThan(0);
    expect(JSON.stringify(run)).not.toContain(KEY);
    expect(await page.locator('.run-facts').textContent()).toContain('remote');
    // Every byte of the folder: the database, and its WAL where the acknowledged run already is.
    const files = dataFiles(s.dataDir);
    expect(files.some((f) => f.name.endsWith('.sqlite'))).toBe(true);
    expect(
      files.some((f) => f.bytes.includes(id)),
      'the run is not in the data folder',
    ).toBe(true);
    for (const f of files) expect(f.bytes.includes(KEY), `the API key is in ${f.name}`).toBe(false);
    expect(s.app.output()).not.toContain(KEY);
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(storage).not.toContain(KEY);
    expect(page.url()).not.toContain(KEY);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('falls back to sampling consistency when an endpoint refuses logprobs, and shows why', async () => {
    const refusing = await startReasoningLike();
    try {
      const s = session();
      const { page } = await openApp(s);
      // The local stories model has no chat template, so a fresh form starts on Raw text.
      await page.getByRole('button', { name: 'Chat', exact: true }).click();
      await page.getByLabel('Message 2 (user)', { exact: true }).fill('What is 2 + 2?');
      await useRemote(page, refusing.baseURL, 'o3-mini', TEST_API_KEY);
      await page.getByLabel('Samples', { exact: true }).fill('3');
      await page.getByRole('button', { name: /^Run/ }).click();
      const id = await openedRunId(page);
      const notice = page.getByTestId('fallback-notice');
      await notice.waitFor(WAIT);
      const text = (await notice.textContent()) ?? '';
      expect(text).toMatch(/confidence from sampling instead/);
      expect(text, 'the endpoint’s own refusal is not shown').toContain(REASONING_REFUSAL);
      // The reasoning-like server gives the same canned answer every time: all 3 samples agree.
      expect((await savedRun(s, id)).consistency).toMatchObject({ agreement: 1, cost: { requests: 3 } });
      expect(await page.getByTestId('consistency-label').textContent()).toContain(
        'sampling-based confidence: 3 samples at temperature 0.8',
      );
      await page.screenshot({ path: `${SHOTS}/endpoint-refuses-logprobs.png` });
      await page.context().close();
    } finally {
      await refusing.close();
    }
  });

  it('opens without a model, says how to get one, and offers the remote endpoint', async () => {
    const s = session();
    const empty = join(s.tmp, 'no-model');
    mkdirSync(empty, { recursive: true });
    const bare = await startApp(join(empty, 'data'), {
      model: null,
      cwd: empty,
      env: { TOKENSCOPE_MODELS_DIR: undefined },
    });
    try {
      expect(bare.output()).toMatch(/no local model found/i);
      const { page, errors } = await openApp({ ...s, url: bare.url, app: bare });
      await expect.poll(() => page.locator('.header-status').textContent(), WAIT).toContain('No local model');
      const notice = page.locator('.notice', { hasText: 'No local model found' });
      await notice.waitFor(WAIT);
      expect(await notice.textContent()).toMatch(/--model|TOKENSCOPE_MODEL/);
      expect(await page.locator('#compose-model').inputValue()).toBe('__remote__');
      expect(await page.getByLabel('Base URL').isVisible()).toBe(true);
      expect(await page.locator('.sidebar-empty').textContent()).toContain('No runs yet');
      await page.screenshot({ path: `${SHOTS}/no-model.png` });
      expect(errors).toEqual([]);
      await page.context().close();
    } finally {
      await bare.stop();
    }
  });
});
