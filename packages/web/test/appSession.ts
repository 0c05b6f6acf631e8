/**
 * The end-to-end tests' shared setup: the REAL `tokenscope app` (built CLI and web dist) on a
 * temporary data folder and the shared stories260K model, one chromium for the whole file, a page
 * opener that records dialogs and page errors, and small `/api` helpers for setting up state that a
 * test is not about. Screenshots go to /tmp/shots/e2e/ (not committed).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GenerateBody, RunPatch, RunRecord, RunStreamEvent } from '@tokenscope/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ensureAppBuilt } from './ensureAppBuilt.js';
import { launchChromium } from './launchChromium.js';
import { REPO_ROOT, startApp, type TokenscopeProcess } from './tokenscopeProcess.js';

export const SHOTS = '/tmp/shots/e2e';
/** Core's saved responses (`packages/core/src/formats/__fixtures__`). */
export const FIXTURES_DIR = join(REPO_ROOT, 'packages/core/src/formats/__fixtures__');

export interface AppSession {
  /** Base URL of the app, without a trailing slash. */
  url: string;
  dataDir: string;
  /** A scratch folder removed after the file. */
  tmp: string;
  app: TokenscopeProcess;
  browser: Browser;
}

/**
 * Registers beforeAll/afterAll hooks that build (when stale), start the app and chromium; the
 * returned function gives the session inside tests.
 */
export function useAppSession(): () => AppSession {
  let session: AppSession | undefined;
  beforeAll(async () => {
    ensureAppBuilt();
    mkdirSync(SHOTS, { recursive: true });
    const tmp = mkdtempSync(join(tmpdir(), 'tokenscope-e2e-'));
    const dataDir = join(tmp, 'data');
    const [app, browser] = await Promise.all([startApp(dataDir), launchChromium()]);
    session = { url: app.url, dataDir, tmp, app, browser };
  }, 240_000);
  afterAll(async () => {
    await session?.browser.close();
    await session?.app.stop();
    if (session) rmSync(session.tmp, { recursive: true, force: true });
  });
  return () => {
    if (!session) throw new Error('the app session did not start (see the beforeAll error)');
    return session;
  };
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Messages of every alert/confirm/prompt that opened (none ever should). */
  dialogs: string[];
  /** Uncaught errors in the page. */
  errors: string[];
}

/** Opens the app at `hash` in a fresh context (own storage) and waits until it has its status. */
export async function openApp(
  s: AppSession,
  hash = '#/',
  options: { width?: number; height?: number; dark?: boolean } = {},
): Promise<OpenedPage> {
  const context = await s.browser.newContext({
    viewport: { width: options.width ?? 1400, height: options.height ?? 900 },
    acceptDownloads: true,
    colorScheme: options.dark ? 'dark' : 'light',
  });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${s.url}/${hash}`);
  await page.locator('.status-dot.ok, .status-dot.warn, .status-dot.down').waitFor();
  return { page, context, dialogs, errors };
}

/** Waits for the run view of the open run and returns its id (from the URL). */
export async function openedRunId(page: Page, notId?: string): Promise<string> {
  await page.waitForFunction(
    (old) => {
      const m = /^#\/run\/([^/]+)$/.exec(location.hash);
      return m !== null && m[1] !== old && document.querySelector('#run-title') !== null;
    },
    notId ?? null,
    { timeout: 60_000 },
  );
  return decodeURIComponent(new URL(page.url()).hash.slice('#/run/'.length));
}

async function ok(res: Response, what: string): Promise<Response> {
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
  return res;
}

/** `POST /api/import?name=NAME` with `text`: the saved run. */
export async function importRun(s: AppSession, name: string, text: string): Promise<RunRecord> {
  const res = await fetch(`${s.url}/api/import?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: text,
  });
  return (await ok(res, `import ${name}`)).json() as Promise<RunRecord>;
}

/** `GET /api/runs/:id`, or the HTTP status when there is no such run. */
export async function getRun(s: AppSession, id: string): Promise<RunRecord | number> {
  const res = await fetch(`${s.url}/api/runs/${encodeURIComponent(id)}`);
  return res.ok ? ((await res.json()) as RunRecord) : res.status;
}

/** `GET /api/runs/:id` of a run that must be saved (throws naming the HTTP status otherwise). */
export async function savedRun(s: AppSession, id: string): Promise<RunRecord> {
  const run = await getRun(s, id);
  if (typeof run === 'number') throw new Error(`run ${id} is not saved (HTTP ${run})`);
  return run;
}

/** `PATCH /api/runs/:id`. */
export async function patchRun(s: AppSession, id: string, patch: RunPatch): Promise<RunRecord> {
  const res = await fetch(`${s.url}/api/runs/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(patch),
  });
  return (await ok(res, `patch ${id}`)).json() as Promise<RunRecord>;
}

/** `POST /api/generate` at `baseUrl`: every event of the stream, in order, until it ends. */
export async function generate(baseUrl: string, body: GenerateBody): Promise<RunStreamEvent[]> {
  const res = await ok(
    await fetch(`${baseUrl}/api/generate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
      body: JSON.stringify(body),
    }),
    'generate',
  );
  const text = await res.text();
  return text
    .split(/\n\n/)
    .map((block) => block.split('\n').find((line) => line.startsWith('data:')))
    .filter((line): line is string => line !== undefined)
    .map((line) => JSON.parse(line.slice(5)) as RunStreamEvent);
}

/** The concatenated text of a run's first answer. */
export function answerText(run: RunRecord): string {
  return run.response.completions[0]?.text ?? '';
}
