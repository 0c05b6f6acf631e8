import type { Llama, LlamaContext, LlamaContextSequence, LlamaModel } from 'node-llama-cpp';
import { describe, expect, it } from 'vitest';
import { EngineInternalsError } from '../errors/EngineInternalsError.js';
import { getLlamaInternals } from './LlamaInternals.js';

class FakeSampler {
  applyConfig(): void {}
  dispose(): void {}
  static canBeNextTokenForGrammarEvaluationState(): boolean {
    return true;
  }
  static acceptGrammarEvaluationStateToken(): void {}
}

/** A sampler class of a node-llama-cpp without the static grammar helpers. */
class SamplerWithoutGrammar {
  applyConfig(): void {}
  dispose(): void {}
}

function parts(overrides: { sampler?: unknown; sampleToken?: unknown; decode?: unknown } = {}) {
  const llama = {
    _bindings: { AddonSampler: 'sampler' in overrides ? overrides.sampler : FakeSampler },
  } as unknown as Llama;
  const model = { _model: {} } as unknown as LlamaModel;
  const context = {
    _ctx: { sampleToken: 'sampleToken' in overrides ? overrides.sampleToken : async () => 0 },
  } as unknown as LlamaContext;
  const sequence = {
    _decodeTokens: 'decode' in overrides ? overrides.decode : async () => [],
    _tokenMeter: {},
    _contextShift: {},
  } as unknown as LlamaContextSequence;
  return [llama, model, context, sequence] as const;
}

describe('getLlamaInternals', () => {
  it('binds the internals when they are all there', () => {
    const internals = getLlamaInternals(...parts());
    expect(internals.createSampler()).toBeInstanceOf(FakeSampler);
  });

  it.each([
    ['the native sampler class', { sampler: undefined }, 'AddonSampler'],
    ['sampleToken', { sampleToken: undefined }, 'sampleToken'],
    ['the sequence decoder', { decode: undefined }, '_decodeTokens'],
    ['the grammar helpers', { sampler: SamplerWithoutGrammar }, 'acceptGrammarEvaluationStateToken'],
  ])('names a missing internal (%s) and the version to install', (_name, overrides, internal) => {
    const call = () => getLlamaInternals(...parts(overrides));
    expect(call).toThrow(EngineInternalsError);
    expect(call).toThrow(internal);
    expect(call).toThrow('node-llama-cpp@3.22.1');
  });
});
