import { readFileSync } from 'node:fs';
import {
  type NextTokenDistribution,
  parseResponse,
  type RunRecord,
  type RunStreamEvent,
} from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import {
  doneRun,
  generationApp,
  post,
  readEvents,
  STORIES_ID,
  useStoriesCatalog,
} from '../../../test/generationApp.js';
import type { AppServices } from '../AppServices.js';

const catalog = useStoriesCatalog();

const FIXTURE = new URL(
  '../../../../core/src/formats/__fixtures__/openai-chat.seed003.recorded.json',
  import.meta.url,
);

async function setup() {
  const { app, services } = await generationApp({ catalog: catalog() });
  const parent = doneRun(
    await readEvents(
      await post(app, '/api/generate', {
        target: { kind: 'local', model: STORIES_ID },
        prompt: { kind: 'text', text: 'Once upon a time' },
        params: { temperature: 0, maxTokens: 16, topLogprobs: 5 },
        title: 'parent',
      }),
    ),
  );
  const branch = async (id: string, body: unknown) => post(app, `/api/runs/${id}/branch`, body);
  return { app, services, parent, branch };
}

const tokensOf = (run: RunRecord) => run.response.completions[0]!.tokens;
const streamed = (events: RunStreamEvent[]) => events.flatMap((e) => (e.type === 'token' ? [e] : []));

describe('POST /api/runs/:id/branch on a local run', () => {
  it('keeps the tokens before the position, puts the chosen alternative there and continues greedily', async () => {
    const { services, parent, branch } = await setup();
    const position = 3;
    const parentToken = tokensOf(parent)[position]!;
    const alternative = parentToken.top[1]!;
    const events = await readEvents(
      await branch(parent.id, { position, token: { text: alternative.text, id: alternative.id } }),
    );
    const run = doneRun(events);
    expect(events[0]).toMatchObject({ type: 'start', model: STORIES_ID });
    expect(streamed(events).map((e) => e.index)).toEqual(tokensOf(run).map((_, i) => i));

    const tokens = tokensOf(run);
    expect(tokens.slice(0, position)).toEqual(tokensOf(parent).slice(0, position));
    expect(tokens[position]).toMatchObject({
      id: alternative.id,
      text: alternative.text,
      logprob: alternative.logprob,
    });
    expect(tokens[position]!.top).toEqual(parentToken.top);
    expect(tokens).toHaveLength(16);
    expect(run).toMatchObject({
      source: 'branch',
      model: STORIES_ID,
      prompt: parent.prompt,
      params: parent.params,
      promptText: parent.promptText,
      promptTokenIds: parent.promptTokenIds,
      branch: { parentId: parent.id, position, token: alternative },
    });
    expect(await services.store.get(run.id)).toEqual(run);

    // The continuation is what the model generates greedily after the kept ids and the chosen one.
    const engine = await catalog().engine(STORIES_ID);
    const ids = [...parent.promptTokenIds!, ...tokens.slice(0, position + 1).map((t) => t.id!)];
    const again = await engine.generate({ prompt: { tokens: ids }, temperature: 0, maxTokens: 12 });
    expect(tokens.slice(position + 1).map((t) => t.id)).toEqual(again.tokens.map((t) => t.id));
    expect(tokens.slice(position + 1).map((t) => t.id)).not.toEqual(
      tokensOf(parent)
        .slice(position + 1)
        .map((t) => t.id),
    );
  });

  it('ends the answer at a chosen control token (end of text)', async () => {
    const { parent, branch } = await setup();
    const run = doneRun(
      await readEvents(await branch(parent.id, { position: 3, token: { text: '</s>', id: 2 } })),
    );
    const tokens = tokensOf(run);
    expect(tokens).toHaveLength(4);
    expect(tokens.slice(0, 3)).toEqual(tokensOf(parent).slice(0, 3));
    expect(tokens[3]).toMatchObject({ id: 2, text: '', special: true });
    expect(run.response.completions[0]!.text).toBe(
      tokensOf(parent)
        .slice(0, 3)
        .map((t) => t.text)
        .join(''),
    );
    expect(run.response.completions[0]!.finishReason).toBe('stop');
  });

  it('matches the alternative by text and builds a tree of branches', async () => {
    const { services, parent, branch } = await setup();
    const first = doneRun(
      await readEvents(
        await branch(parent.id, { position: 2, token: { text: tokensOf(parent)[2]!.top[2]!.text } }),
      ),
    );
    expect(first.branch?.token).toEqual(tokensOf(parent)[2]!.top[2]);
    const second = doneRun(
      await readEvents(
        await branch(first.id, { position: 6, token: { text: tokensOf(first)[6]!.top[1]!.text } }),
      ),
    );
    expect(tokensOf(second).slice(0, 6)).toEqual(tokensOf(first).slice(0, 6));
    // Titles say where the run left its parent, without growing at every generation.
    expect([first.title, second.title]).toEqual(['parent · branch at 2', 'parent · branch at 6']);
    const tree = await services.store.tree(second.id);
    expect(tree.map((r) => r.id)).toEqual([parent.id, first.id, second.id]);
    expect(tree.map((r) => r.branch)).toEqual([
      undefined,
      expect.objectContaining({ parentId: parent.id, position: 2 }),
      expect.objectContaining({ parentId: first.id, position: 6 }),
    ]);
  });

  it('takes other params for the continuation when asked, with maxTokens counting the whole answer', async () => {
    const { parent, branch } = await setup();
    const alt = tokensOf(parent)[1]!.top[1]!;
    const run = doneRun(
      await readEvents(
        await branch(parent.id, {
          position: 1,
          token: { text: alt.text, id: alt.id },
          params: { temperature: 0, maxTokens: 6, topLogprobs: 2 },
        }),
      ),
    );
    expect(run.params).toEqual({ temperature: 0, maxTokens: 6, topLogprobs: 2 });
    expect(tokensOf(run)).toHaveLength(6);
    expect(tokensOf(run)[5]!.top).toHaveLength(2);
  });
});

describe('POST /api/runs/:id/branch with any token of the distribution (local runs)', () => {
  it('branches on a token outside the stored top-k with the logprob the distribution gives it', async () => {
    const { app, parent, branch } = await setup();
    const position = 2;
    const parentToken = tokensOf(parent)[position]!;
    const response = await post(app, `/api/runs/${parent.id}/distribution`, { position, top: 'all' });
    const dist = (await response.json()) as NextTokenDistribution;
    const stored = new Set(parentToken.top.map((a) => a.id));
    // A token well down the distribution, outside the stored top-5, that has text.
    const outside = dist.alternatives.find((a, i) => i >= 20 && !stored.has(a.id) && a.bytes?.length)!;
    expect(outside).toBeDefined();
    const events = await readEvents(
      await branch(parent.id, { position, token: { text: outside.text, id: outside.id } }),
    );
    const run = doneRun(events);
    const chosen = tokensOf(run)[position]!;
    expect(chosen).toMatchObject({ id: outside.id, text: outside.text, bytes: outside.bytes });
    expect(Math.abs(chosen.logprob! - outside.logprob!)).toBeLessThan(1e-4);
    expect(Math.abs(run.branch!.token.logprob! - outside.logprob!)).toBeLessThan(1e-4);
    // `top` stays the stored top-k (sorted, as generated): the chosen token is below it.
    expect(chosen.top).toEqual(parentToken.top);
    expect(chosen.logprob!).toBeLessThan(chosen.top.at(-1)!.logprob!);
    expect(tokensOf(run).slice(0, position)).toEqual(tokensOf(parent).slice(0, position));
    expect(tokensOf(run).length).toBeGreaterThan(position + 1);
  });

  it('refuses a token id outside the vocabulary, naming token.id', async () => {
    const { services, parent, branch } = await setup();
    const response = await branch(parent.id, { position: 1, token: { text: 'x', id: 512 } });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { param: string; message: string } };
    expect(error.param).toBe('token.id');
    expect(error.message).toMatch(/from 0 to 511.*got 512/);
    expect((await services.store.list()).total).toBe(1);
  });
});

describe('POST /api/runs/:id/branch refusals', () => {
  async function refusal(services: AppServices, response: Response) {
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await response.json()) as {
      error: { param: string | null; message: string; code: string | null };
    };
    return { status: response.status, ...body.error, runs: (await services.store.list()).total };
  }

  it('refuses a position past the last token', async () => {
    const { services, parent, branch } = await setup();
    const error = await refusal(services, await branch(parent.id, { position: 16, token: { text: 'x' } }));
    expect(error).toMatchObject({ status: 400, param: 'position', runs: 1 });
    expect(error.message).toMatch(/from 0 to 15.*got 16/);
  });

  it('refuses a text (no id) that is not among the alternatives at the position', async () => {
    const { services, parent, branch } = await setup();
    const byText = await refusal(
      services,
      await branch(parent.id, { position: 0, token: { text: 'zebra' } }),
    );
    expect(byText).toMatchObject({ status: 400, param: 'token' });
  });

  it('refuses a bad body and an unknown run', async () => {
    const { services, parent, branch } = await setup();
    expect(
      await refusal(services, await branch(parent.id, { position: -1, token: { text: 'x' } })),
    ).toMatchObject({
      status: 400,
      param: 'position',
    });
    expect(await refusal(services, await branch(parent.id, { position: 1 }))).toMatchObject({
      status: 400,
      param: 'token',
    });
    expect(
      await refusal(services, await branch('nope', { position: 1, token: { text: 'x' } })),
    ).toMatchObject({
      status: 404,
      code: 'run_not_found',
    });
  });

  it('refuses to branch an imported run', async () => {
    const { services, branch } = await setup();
    const imported = await services.store.save({
      source: 'import',
      model: 'gpt-4o-mini',
      prompt: null,
      params: {},
      response: parseResponse(readFileSync(FIXTURE, 'utf8')),
      fileName: 'seed003.json',
    });
    const alt = tokensOf(imported)[0]!.top[1]!;
    const error = await refusal(
      services,
      await branch(imported.id, { position: 0, token: { text: alt.text } }),
    );
    expect(error).toMatchObject({ status: 400, runs: 2 });
    expect(error.message).toMatch(/^imported runs cannot be branched; /);
  });
});
