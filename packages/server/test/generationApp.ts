/** Test helpers for the generation routes: a real app over a real store and the stories260K catalog. */
import { join } from 'node:path';
import type { RunStreamEvent } from '@tokenscope/core';
import { Hono } from 'hono';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { buildLocal } from '../../local/test/buildLocal.js';
import type { AppServices, ModelCatalog } from '../src/app/AppServices.js';
import { createModelCatalog } from '../src/app/createModelCatalog.js';
import { registerGenerationRoutes } from '../src/app/generation/registerGenerationRoutes.js';
import { respondWithError } from '../src/errorAnswer.js';
import { closeTestStores, testServices } from './appServices.js';
import { MODELS_DIR } from './storiesEngine.js';

export const STORIES_ID = 'stories260K';

/** A catalog of the real stories260K model (engine in a child process, threads 1, context 512). */
export function storiesCatalog(): ModelCatalog {
  buildLocal();
  return createModelCatalog({
    models: [{ id: STORIES_ID, path: join(MODELS_DIR, 'stories260K.gguf') }],
    defaultModel: { id: STORIES_ID, source: '../shared/models' },
    engineOptions: { threads: 1, contextSize: 512 },
  });
}

/**
 * Registers a test file's lifecycle: the stories260K catalog started before all tests and closed after
 * them, the test stores closed after each test. Returns the catalog (call it inside tests and hooks).
 */
export function useStoriesCatalog(): () => ModelCatalog {
  let catalog: ModelCatalog | undefined;
  beforeAll(() => {
    catalog = storiesCatalog();
  }, 180_000);
  afterAll(async () => {
    await catalog?.close();
  });
  afterEach(closeTestStores);
  return () => {
    if (catalog === undefined) throw new Error('the stories260K catalog is used before beforeAll ran');
    return catalog;
  };
}

/** An app with only the generation routes and the app's error mapping, over a new temporary store. */
export async function generationApp(
  overrides: Partial<AppServices> = {},
): Promise<{ app: Hono; services: AppServices }> {
  const services = await testServices(overrides);
  const app = new Hono();
  app.onError((error, c) => respondWithError(c, error));
  registerGenerationRoutes(app, services);
  return { app, services };
}

/** A JSON POST. */
export function post(app: Hono, path: string, body: unknown): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    }),
  );
}

/**
 * Reads a run stream event by event, as they arrive. `stopAfter` returns true to stop reading (the
 * reader is cancelled: the client went away).
 */
export async function readEvents(
  response: Response,
  stopAfter: (event: RunStreamEvent, events: RunStreamEvent[]) => boolean = () => false,
): Promise<RunStreamEvent[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: RunStreamEvent[] = [];
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return events;
    buffer += value;
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
      const name = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (data === undefined) continue;
      const event = JSON.parse(data) as RunStreamEvent;
      if (name !== event.type) throw new Error(`event name ${name} does not match its type ${event.type}`);
      events.push(event);
      if (stopAfter(event, events)) {
        await reader.cancel();
        return events;
      }
    }
  }
}

/** The `done` event's run, or a failure that shows the events. */
export function doneRun(events: RunStreamEvent[]) {
  const last = events.at(-1);
  if (last?.type !== 'done')
    throw new Error(`expected a done event last, got ${JSON.stringify(events.at(-1))}`);
  return last.run;
}
