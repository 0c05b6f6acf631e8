import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine, EngineProcessOptions, GenerateResult, ModelInfo } from '@tokenscope/local';
import { startEngineProcess } from '@tokenscope/local';
import { afterEach, describe, expect, it } from 'vitest';
import { buildLocal } from '../../../local/test/buildLocal.js';
import { MODELS_DIR } from '../../test/storiesEngine.js';
import { ApiError } from '../ApiError.js';
import type { ModelCatalog } from './AppServices.js';
import { createModelCatalog, type ModelCatalogOptions } from './createModelCatalog.js';
import { findLocalModels } from './findLocalModels.js';

const catalogs: ModelCatalog[] = [];
afterEach(async () => {
  await Promise.all(catalogs.splice(0).map((c) => c.close()));
});
function open(options: ModelCatalogOptions): ModelCatalog {
  const catalog = createModelCatalog(options);
  catalogs.push(catalog);
  return catalog;
}

/** Engines that record starts and closes; `hold` keeps a generation running until released. */
function fakeStarts() {
  const log: string[] = [];
  let release: (() => void) | undefined;
  const options: EngineProcessOptions[] = [];
  const start = async (path: string, opts: EngineProcessOptions): Promise<Engine> => {
    const id = path.replace(/^\/m\/|\.gguf$/g, '');
    log.push(`start ${id}`);
    options.push(opts);
    const info: ModelInfo = {
      id,
      path,
      vocabSize: 10,
      contextSize: 20,
      trainContextSize: 20,
      hasChatTemplate: false,
    };
    return {
      info,
      generate: async (request) => {
        if (request.prompt === 'hold') await new Promise<void>((resolve) => (release = resolve));
        return { text: id } as GenerateResult;
      },
      score: async () => ({ tokens: [], sumLogprob: 0, perplexity: 1 }),
      tokenize: async () => [],
      close: async () => {
        log.push(`close ${id}`);
      },
    };
  };
  return { log, options, start, release: () => release?.() };
}

const models = ['a', 'b', 'c'].map((id) => ({ id, path: `/m/${id}.gguf` }));

describe('createModelCatalog', () => {
  it('lists the models, the default and the help, and starts nothing until a model is used', async () => {
    const fake = fakeStarts();
    const catalog = open({
      models,
      defaultModel: { id: 'b', source: './models' },
      help: 'get one',
      startEngine: fake.start,
    });
    expect(catalog.list()).toEqual(models);
    expect(catalog.defaultModel()).toEqual({ id: 'b', source: './models' });
    expect(catalog.help()).toBe('get one');
    expect(fake.log).toEqual([]);
    expect(open({ models: [] }).defaultModel()).toBeNull();
  });

  it('answers an unknown model with a 404 model_not_found naming the known ones', async () => {
    const catalog = open({ models, startEngine: fakeStarts().start });
    const error = await catalog.engine('zzz').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, apiCode: 'model_not_found', param: 'model' });
    expect((error as Error).message).toMatch(/`zzz`.*`a`, `b`, `c`/);
  });

  it('keeps at most maxEngines alive, closing the least recently used', async () => {
    const fake = fakeStarts();
    const catalog = open({ models, startEngine: fake.start, maxEngines: 2 });
    const a = await catalog.engine('a');
    const b = await catalog.engine('b');
    await a.generate({ prompt: 'x' });
    await catalog.engine('c');
    expect(fake.log).toEqual(['start a', 'start b', 'start c', 'close b']);
    // A handle whose engine was closed starts it again on its next call.
    expect((await b.generate({ prompt: 'x' })).text).toBe('b');
    expect(fake.log.slice(4)).toEqual(['start b', 'close a']);
    expect(fake.options.every((o) => o.threads === 1)).toBe(true);
  });

  it('does not close an engine while it generates; it closes it once idle', async () => {
    const fake = fakeStarts();
    const catalog = open({ models, startEngine: fake.start, maxEngines: 1 });
    const a = await catalog.engine('a');
    const held = a.generate({ prompt: 'hold' });
    await new Promise((r) => setTimeout(r, 10));
    await catalog.engine('b');
    expect(fake.log).toEqual(['start a', 'start b']);
    fake.release();
    expect((await held).text).toBe('a');
    expect(fake.log).toEqual(['start a', 'start b', 'close a']);
  });

  it('starts a model again after a failed start', async () => {
    let fail = true;
    const fake = fakeStarts();
    const catalog = open({
      models,
      startEngine: async (path, options) => {
        if (fail) {
          fail = false;
          throw new Error('load failed');
        }
        return fake.start(path, options);
      },
    });
    await expect(catalog.engine('a')).rejects.toThrow('load failed');
    expect((await (await catalog.engine('a')).generate({ prompt: 'x' })).text).toBe('a');
  });

  it('closes every engine on close', async () => {
    const fake = fakeStarts();
    const catalog = open({ models, startEngine: fake.start });
    await catalog.engine('a');
    await catalog.engine('b');
    await catalog.close();
    expect(fake.log.filter((l) => l.startsWith('close')).sort()).toEqual(['close a', 'close b']);
    await expect(catalog.engine('a')).rejects.toThrow(/closed/);
  });

  it('starts the real model once for concurrent first requests and then knows its sizes', async () => {
    buildLocal();
    let starts = 0;
    const stories = { id: 'stories260K', path: join(MODELS_DIR, 'stories260K.gguf') };
    const catalog = open({
      models: [stories],
      engineOptions: { contextSize: 256 },
      startEngine: (path, options) => {
        starts++;
        expect(options).toMatchObject({ threads: 1, contextSize: 256 });
        return startEngineProcess(path, options);
      },
    });
    expect(catalog.list()).toEqual([stories]);
    const engines = await Promise.all([
      catalog.engine('stories260K'),
      catalog.engine('stories260K'),
      catalog.engine('stories260K'),
    ]);
    expect(starts).toBe(1);
    expect(engines[1]).toBe(engines[0]);
    expect(catalog.list()).toEqual([
      { ...stories, vocabSize: 512, contextSize: 256, hasChatTemplate: false },
    ]);
    const result = await engines[0]!.generate({ prompt: 'Once upon a time', maxTokens: 3, temperature: 0 });
    expect(result.tokens).toHaveLength(3);
    expect(engines[0]!.info.id).toBe('stories260K');
  });
});

describe('findLocalModels', () => {
  it('lists .gguf files by folder then name, first id wins, missing folders skipped', () => {
    const root = mkdtempSync(join(tmpdir(), 'tokenscope-models-'));
    try {
      const one = join(root, 'one');
      const two = join(root, 'two');
      mkdirSync(one);
      mkdirSync(two);
      mkdirSync(join(one, 'folder.gguf'));
      for (const name of ['b.GGUF', 'a.gguf', 'notes.txt']) writeFileSync(join(one, name), 'x');
      for (const name of ['a.gguf', 'c.gguf']) writeFileSync(join(two, name), 'x');
      expect(findLocalModels([join(root, 'missing'), one, two])).toEqual([
        { id: 'a', path: join(one, 'a.gguf') },
        { id: 'b', path: join(one, 'b.GGUF') },
        { id: 'c', path: join(two, 'c.gguf') },
      ]);
      expect(findLocalModels([])).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
