/**
 * The run history's promises, end to end through the real `tokenscope app`: a run acknowledged by
 * the `done` event survives `kill -9` of the server's whole process tree, and two browser tabs writing
 * at once (imports, generations, renames, tags) lose nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunList, RunRecord, RunStreamEvent } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, getRun, openApp, useAppSession } from './appSession.js';
import { startApp } from './tokenscopeProcess.js';

const session = useAppSession();
const WAIT = { timeout: 20_000 };
const CHAT = readFileSync(
  join(FIXTURES_DIR, 'openai-chat.tokenscope-serve-stories260k.recorded.json'),
  'utf8',
);

/** True while any process of the group `pid` is left. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Reads an SSE response until its `done` event (the rest of the stream is left unread). */
async function readUntilDone(res: Response): Promise<RunRecord> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`the stream ended without a done event: ${text.slice(-500)}`);
    text += decoder.decode(value, { stream: true });
    for (const block of text.split('\n\n').slice(0, -1)) {
      const data = block.split('\n').find((line) => line.startsWith('data:'));
      const event = data === undefined ? undefined : (JSON.parse(data.slice(5)) as RunStreamEvent);
      if (event?.type === 'error') throw new Error(`generation failed: ${event.error.message}`);
      if (event?.type === 'done') return event.run;
    }
  }
}

describe('durability of the run history', { timeout: 120_000 }, () => {
  it('keeps an acknowledged run after kill -9 of the server and its model process', async () => {
    const dir = join(session().tmp, 'crash-data');
    const first = await startApp(dir);
    let saved: RunRecord;
    try {
      const res = await fetch(`${first.url}/api/generate`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
        body: JSON.stringify({
          target: { kind: 'local', model: 'stories260K' },
          prompt: { kind: 'text', text: 'The little dog' },
          params: { maxTokens: 16, seed: 5 },
          title: 'survives kill -9',
        }),
      });
      expect(res.status).toBe(200);
      saved = await readUntilDone(res);
    } finally {
      await first.kill();
    }
    expect(first.child.signalCode).toBe('SIGKILL');
    await expect
      .poll(() => groupAlive(first.pid), { ...WAIT, message: 'the model process outlived the kill' })
      .toBe(false);

    const second = await startApp(dir);
    try {
      const res = await fetch(`${second.url}/api/runs/${saved.id}`);
      expect(res.status, `run ${saved.id} was lost by kill -9`).toBe(200);
      const run = (await res.json()) as RunRecord;
      expect(run.title).toBe('survives kill -9');
      expect(run.response).toEqual(saved.response);
      expect(run.summary).toEqual(saved.summary);
    } finally {
      await second.stop();
    }
  });

  it('loses nothing when two tabs import, generate, rename and tag at once', async () => {
    const s = session();
    // Two tabs of one browser window (one context, two pages).
    const { page: first, context } = await openApp(s);
    const second = await context.newPage();
    await second.goto(`${s.url}/#/`);
    const tabs = [first, second];
    const work = (tab: string) =>
      tabs[tab === 'left' ? 0 : 1]!.evaluate(
        async ({ tab, response }) => {
          const json = { 'Content-Type': 'application/json' };
          const imported = await Promise.all(
            [0, 1, 2].map(async (i) => {
              const res = await fetch(`/api/import?name=${tab}-${i}.json`, {
                method: 'POST',
                headers: { 'Content-Type': 'application/octet-stream' },
                body: response,
              });
              if (!res.ok) throw new Error(`import ${tab}-${i}: ${res.status} ${await res.text()}`);
              return ((await res.json()) as { id: string }).id;
            }),
          );
          const stream = await fetch('/api/generate', {
            method: 'POST',
            headers: json,
            body: JSON.stringify({
              target: { kind: 'local', model: 'stories260K' },
              prompt: { kind: 'text', text: `Tab ${tab} says` },
              params: { maxTokens: 8 },
            }),
          });
          const done = (await stream.text()).match(/event: done\ndata: (.*)\n/);
          if (!done?.[1]) throw new Error(`generate in tab ${tab} did not finish`);
          const ids = [...imported, (JSON.parse(done[1]) as { run: { id: string } }).run.id];
          await Promise.all(
            ids.map(async (id, i) => {
              const res = await fetch(`/api/runs/${id}`, {
                method: 'PATCH',
                headers: json,
                body: JSON.stringify({ title: `${tab} run ${i}`, tags: [`tab-${tab}`, 'two-tabs'] }),
              });
              if (!res.ok) throw new Error(`rename ${id}: ${res.status} ${await res.text()}`);
            }),
          );
          return ids;
        },
        { tab, response: CHAT },
      );
    const [left, right] = await Promise.all([work('left'), work('right')]);
    const list = (await (await fetch(`${s.url}/api/runs?tag=two-tabs&limit=100`)).json()) as RunList;
    expect(list.total).toBe(8);
    expect(new Set(list.runs.map((r) => r.id))).toEqual(new Set([...left, ...right]));
    for (const [tab, ids] of [
      ['left', left],
      ['right', right],
    ] as const) {
      for (const [i, id] of ids.entries()) {
        const run = await getRun(s, id);
        if (typeof run === 'number') throw new Error(`run ${id} of tab ${tab} is lost (HTTP ${run})`);
        expect(run.title).toBe(`${tab} run ${i}`);
        expect([...run.tags].sort()).toEqual([`tab-${tab}`, 'two-tabs']);
      }
    }
    // Both tabs see every run in their history.
    for (const page of tabs) {
      await page.reload();
      await page.locator('#history-tag').selectOption('two-tabs');
      await expect.poll(() => page.locator('.history-item').count(), WAIT).toBe(8);
    }
    await context.close();
  });
});
