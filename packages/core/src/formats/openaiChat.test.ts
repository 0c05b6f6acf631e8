import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../errors/InvalidValueError.js';
import { NoLogprobsError } from '../errors/NoLogprobsError.js';
import { TruncatedStreamError } from '../errors/TruncatedStreamError.js';
import { openaiChat } from './openaiChat.js';
import { parseResponse } from './parseResponse.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const parse = (name: string, allowTruncated?: boolean) =>
  parseResponse(fixture(name), allowTruncated ? { allowTruncated } : {});

describe('openaiChat', () => {
  it('detects whole responses and chunks, not other shapes', () => {
    expect(openaiChat.detect({ object: 'chat.completion.chunk', choices: [] })).toBe(true);
    expect(openaiChat.detect({ choices: [{ message: { content: 'x' } }] })).toBe(true);
    expect(openaiChat.detect({ choices: [{ text: 'x' }] })).toBe(false);
    expect(openaiChat.detect([])).toBe(false);
  });

  it('reads the distribution a tokenscope server declares, and reports unknown otherwise', () => {
    for (const name of [
      'openai-chat.tokenscope-serve-stories260k.recorded.json',
      'openai-chat.tokenscope-serve-stories260k-stream.recorded.sse.txt',
      'openai-completions.tokenscope-serve-echo.recorded.json',
    ]) {
      expect(parse(name).completions[0]!.distribution).toBe('raw');
    }
    expect(parse('openai-chat.seed003.recorded.json').completions[0]!.distribution).toBe('unknown');
  });

  it('merges an emoji split across two tokens with bytes', () => {
    const c = parse('openai-chat.split-emoji-bytes.unrecorded.json').completions[0]!;
    expect(c.text).toBe('Crab: 🦀');
    expect(c.tokens.slice(4).map((t) => [t.text, t.rawText, t.utf8Group])).toEqual([
      ['', '\ufffd', [4, 6]],
      ['🦀', '\ufffd', [4, 6]],
    ]);
  });

  it("decodes DeepSeek's escaped byte text", () => {
    const c = parse('openai-chat.deepseek-escaped.unrecorded.json').completions[0]!;
    expect(c.text).toBe('你好🦀');
    expect(c.tokens.map((t) => t.rawText)).toEqual([undefined, '\\xf0\\x9f', '\\xa6\\x80']);
  });

  it('turns -9999 into a null logprob and keeps the raw value', () => {
    const c = parse('openai-chat.sentinel.unrecorded.json').completions[0]!;
    expect(c.tokens[1]).toMatchObject({ text: '.', logprob: null, raw: -9999 });
    expect(c.tokens[0]!.top.map((a) => a.logprob)).toEqual([-0.0001, -9.2, null]);
  });

  it('uses refusal tokens when the content is null', () => {
    const c = parse('openai-chat.refusal.unrecorded.json').completions[0]!;
    expect(c.text).toBe("I can't help with that.");
    expect(c.tokens).toHaveLength(6);
  });

  it('accumulates interleaved streamed choices after an Azure prelude; finish reasons end it', () => {
    const r = parse('openai-chat.azure-n2.unrecorded.jsonl');
    expect(r.completions.map((c) => [c.index, c.text, c.finishReason])).toEqual([
      [0, 'A!', 'stop'],
      [1, 'B?', 'length'],
    ]);
    expect(r.model).toBe('gpt-4o-2024-08-06');
  });

  it('reports a stream that ends without [DONE] or finish_reason (a real DeepSeek chunk)', () => {
    expect(() => parse('openai-chat.bad-truncated-deepseek-chunk.recorded.jsonl')).toThrow(
      TruncatedStreamError,
    );
    const r = parse('openai-chat.bad-truncated-deepseek-chunk.recorded.jsonl', true);
    expect(r.completions[0]!.tokens[0]).toMatchObject({ text: 'Hello', logprob: 0 });
    expect(r.completions[0]!.tokens[0]!.top.map((a) => a.text)).toEqual(['Hello', 'Hi', 'Hey', 'How', '###']);
  });

  it('analyses what arrived of a cut SSE stream with allowTruncated', () => {
    const r = parse('openai-chat.bad-truncated.unrecorded.sse.txt', true);
    expect(r.completions[0]!.text).toBe('Rust is fun');
  });

  it('says what to request when there are no logprobs', () => {
    const run = () => parse('openai-chat.bad-no-logprobs.unrecorded.json');
    expect(run).toThrow(NoLogprobsError);
    expect(run).toThrow('request "logprobs": true, "top_logprobs": 5');
  });

  it('names the chunk and path of a bad value in a stream', () => {
    const chunk = (lp: unknown) =>
      JSON.stringify({
        object: 'chat.completion.chunk',
        choices: [
          { index: 0, delta: { content: 'a' }, logprobs: { content: [{ token: 'a', logprob: lp }] } },
        ],
      });
    const run = () => parseResponse(`data: ${chunk(-1)}\n\ndata: ${chunk(0.5)}\n\ndata: [DONE]\n\n`);
    expect(run).toThrow(InvalidValueError);
    expect(run).toThrow(
      'invalid value at [1].choices[0].logprobs.content[0].logprob: a logprob cannot be positive',
    );
    expect(() =>
      parseResponse(
        JSON.stringify({
          object: 'chat.completion',
          choices: [{ message: {}, logprobs: { content: [{ logprob: -1 }] } }],
        }),
      ),
    ).toThrow(/choices\[0\]\.logprobs\.content\[0\]\.token/);
  });
});
