import { analyze, type LogprobResponse } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { exchangeAttributes, requestAttributes, spanName } from './exchangeAttributes.js';
import { otlpTracesUrl } from './otlpTracesUrl.js';

const response: LogprobResponse = {
  format: 'openai-chat',
  model: 'gpt-test-2024',
  id: 'chatcmpl-1',
  completions: [
    {
      index: 0,
      text: 'Paris. Maybe 1889.',
      tokens: [
        { text: 'Paris', logprob: -0.01, bytes: null, top: [] },
        { text: '.', logprob: -0.02, bytes: null, top: [] },
        { text: ' Maybe', logprob: -2.5, bytes: null, top: [] },
        { text: ' 1889', logprob: -3, bytes: null, top: [] },
        { text: '.', logprob: -0.1, bytes: null, top: [] },
      ],
      finishReason: 'stop',
      distribution: 'raw',
      topK: 0,
    },
  ],
};
const request = {
  operation: 'chat' as const,
  provider: 'openai',
  body: { model: 'gpt-test', max_completion_tokens: 50, temperature: 0.7, top_p: 1, n: 1, stream: false },
  prompt: { kind: 'chat' as const, messages: [{ role: 'user' as const, content: 'Capital of France?' }] },
};

describe('exchangeAttributes', () => {
  it('names the span {operation} {model} and gives the GenAI attributes and the figures', () => {
    expect(spanName(request)).toBe('chat gpt-test');
    expect(spanName({ operation: 'text_completion', body: 'not json' })).toBe('text_completion');
    const attributes = exchangeAttributes(request, { response, usage: { inputTokens: 9, outputTokens: 5 } });
    const summary = analyze(response).summary;
    expect(attributes).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.system': 'openai',
      'gen_ai.request.model': 'gpt-test',
      'gen_ai.request.max_tokens': 50,
      'gen_ai.request.temperature': 0.7,
      'gen_ai.request.top_p': 1,
      'gen_ai.response.id': 'chatcmpl-1',
      'gen_ai.response.model': 'gpt-test-2024',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 9,
      'gen_ai.usage.output_tokens': 5,
      'tokenscope.tokens': 5,
      'tokenscope.mean_logprob': summary.meanLogprob,
      'tokenscope.perplexity': summary.perplexity,
      'tokenscope.min_probability': Math.exp(-3),
      'tokenscope.flagged_tokens': summary.flaggedTokens,
      'tokenscope.low_confidence_threshold': 0.1,
      'tokenscope.gate.verdict': 'review',
      'tokenscope.gate.publish_threshold': -0.5,
      'tokenscope.gate.review_threshold': -1.5,
      'tokenscope.gate.sentences_review': 1,
    });
    expect(summary.meanLogprob).toBeCloseTo(-5.63 / 5, 12);
  });

  it('uses the gate thresholds given', () => {
    const attributes = exchangeAttributes(request, { response }, { gate: { publish: -0.001, review: -5 } });
    expect(attributes).toMatchObject({
      'tokenscope.gate.publish_threshold': -0.001,
      'tokenscope.gate.review_threshold': -5,
    });
  });

  it('keeps prompt and answer out unless content is asked for', () => {
    const without = JSON.stringify(exchangeAttributes(request, { response }));
    expect(without).not.toContain('Paris');
    expect(without).not.toContain('France');
    const withContent = exchangeAttributes(request, { response }, { content: true });
    expect(JSON.parse(withContent['gen_ai.input.messages'] as string)).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'Capital of France?' }] },
    ]);
    expect(JSON.parse(withContent['gen_ai.output.messages'] as string)).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'Paris. Maybe 1889.' }], finish_reason: 'stop' },
    ]);
    const text = requestAttributes(
      { ...request, operation: 'text_completion', prompt: { kind: 'text', text: 'Once' } },
      { content: true },
    );
    expect(text['gen_ai.input.messages']).toBe(
      '[{"role":"user","parts":[{"type":"text","content":"Once"}]}]',
    );
  });

  it('has no figures for an answer without logprobs, and counts its tokens without usage', () => {
    const bare: LogprobResponse = {
      format: 'openai-chat',
      completions: [
        { ...response.completions[0]!, tokens: [{ text: 'Paris', logprob: null, bytes: null, top: [] }] },
      ],
    };
    const attributes = exchangeAttributes(request, { response: bare });
    expect(Object.keys(attributes).filter((k) => k.startsWith('tokenscope.'))).toEqual([]);
    expect(attributes['gen_ai.usage.output_tokens']).toBe(1);
    expect(attributes['gen_ai.usage.input_tokens']).toBeUndefined();
  });
});

describe('otlpTracesUrl', () => {
  it('takes the option, else the traces variable as it is, else the base variable plus /v1/traces', () => {
    expect(otlpTracesUrl(undefined, {})).toBeUndefined();
    expect(otlpTracesUrl('http://127.0.0.1:4318', {})).toBe('http://127.0.0.1:4318/v1/traces');
    expect(otlpTracesUrl('http://c:4318/otlp/', {})).toBe('http://c:4318/otlp/v1/traces');
    expect(otlpTracesUrl('http://c:4318/v1/traces', {})).toBe('http://c:4318/v1/traces');
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://base:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t/x',
    };
    expect(otlpTracesUrl('http://opt:1', env)).toBe('http://opt:1/v1/traces');
    expect(otlpTracesUrl(undefined, env)).toBe('http://t/x');
    expect(otlpTracesUrl(undefined, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://base:4318' })).toBe(
      'http://base:4318/v1/traces',
    );
    expect(() => otlpTracesUrl('ftp://x', {})).toThrow(/invalid otlp-endpoint: expected an http\(s\) URL/);
    expect(() => otlpTracesUrl('nope', {})).toThrow(/got "nope"/);
  });
});
