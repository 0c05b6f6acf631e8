import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/analyze.js';
import { gate } from '../gating/gate.js';
import type { Token } from '../model/Token.js';
import { renderAnsi } from '../render/renderAnsi.js';
import { renderHtml } from '../render/renderHtml.js';
import { renderMarkdown } from '../render/renderMarkdown.js';
import { toJsonReport } from '../render/toJsonReport.js';
import { isControlShaped, markControlTokens } from './markControlTokens.js';
import { parseResponse } from './parseResponse.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const LLAMA_ANSWER = 'The capital of France is Paris.';

/** Each fixture, and the provider's own answer text (`message.content`, `generated_text`, `content`, `text`). */
const CASES: Array<[string, string, string]> = [
  ['vllm.chat-llama31-eot.unrecorded.json', LLAMA_ANSWER, '<|eot_id|>'],
  ['tgi.generate-llama31-eot.unrecorded.json', LLAMA_ANSWER, '<|eot_id|>'],
  ['together.chat-llama31-eot.unrecorded.json', LLAMA_ANSWER, '<|eot_id|>'],
  ['openai-chat.vllm-stream-qwen-im-end.unrecorded.sse.txt', ' Paris.', '<|im_end|>'],
  ['vllm.completions-mistral-eos.unrecorded.json', ' Paris.', '</s>'],
  ['sglang.generate.unrecorded.json', ' Paris.', '<|im_end|>'],
];

const tok = (text: string, extra: Partial<Token> = {}): Token => ({
  text,
  bytes: null,
  logprob: -0.1,
  top: [],
  ...extra,
});

describe('control tokens in parsed responses', () => {
  it.each(CASES)(
    '%s: the analysed text is the provider text; the control token is listed, marked and left out',
    (name, content, control) => {
      const response = parseResponse(fixture(name));
      const completion = response.completions[0]!;
      expect(completion.text).toBe(content);
      const last = completion.tokens.at(-1)!;
      expect(last).toMatchObject({ text: '', rawText: control, bytes: [], control: true });
      expect(completion.tokens.filter((t) => t.control)).toHaveLength(1);

      const analysis = analyze(response);
      expect(analysis.text).toBe(content);
      expect(analysis.tokens.at(-1)).toMatchObject({ control: true, clues: [], flagged: false, text: '' });
      // The last sentence ends at the answer's end and holds no control token.
      const lastSentence = analysis.sentences.at(-1)!;
      expect(lastSentence.text.trim()).toBe(
        content
          .trim()
          .split(/(?<=\.) /)
          .at(-1),
      );
      expect(lastSentence.end).toBeLessThanOrEqual(completion.tokens.length - 1);
      for (const w of analysis.words) expect(w.end).toBeLessThanOrEqual(completion.tokens.length - 1);
      for (const f of analysis.facts) expect(f.text).not.toContain(control);
      expect(analysis.summary).toMatchObject({
        tokens: completion.tokens.length - 1,
        controlTokens: 1,
        countsControlTokens: false,
      });
      for (const s of gate(analysis).sentences) expect(s.text).not.toContain(control);
    },
  );

  it('TGI: the `special` flag and the shape agree; the Llama 3.1 answer ends in a sentence with no <|eot_id|>', () => {
    const analysis = analyze(parseResponse(fixture('tgi.generate-llama31-eot.unrecorded.json')));
    expect(analysis.sentences.map((s) => s.text)).toEqual([LLAMA_ANSWER]);
    expect(analysis.ending).toEqual({ kind: 'stop', cutOff: false, finishReason: 'eos_token' });
    expect(analysis.facts.map((f) => f.text)).not.toContain('<|eot_id|>');
  });

  it('llama.cpp: the end of generation listed with no text and no bytes is a nameless control token', () => {
    const response = parseResponse(fixture('llamacpp-completion.llama31-eot.unrecorded.json'));
    const completion = response.completions[0]!;
    expect(completion.text).toBe(LLAMA_ANSWER);
    expect(completion.tokens.at(-1)).toMatchObject({ text: '', bytes: [], id: 128009, control: true });
    expect(completion.tokens.at(-1)!.rawText).toBeUndefined();
    expect(analyze(response).summary).toMatchObject({ tokens: 7, controlTokens: 1 });
  });

  it('the perplexity leaves the control token out by default and counts it with countControlTokens', () => {
    const response = parseResponse(fixture('vllm.chat-llama31-eot.unrecorded.json'));
    const lps = [-0.0021, -0.0004, -0.0000123, -0.0000021, -0.0013, -0.0000405, -0.0297];
    const eot = -0.0000113;
    const without = analyze(response).summary;
    expect(without.sumLogprob).toBeCloseTo(
      lps.reduce((a, b) => a + b),
      12,
    );
    expect(without.perplexity).toBeCloseTo(Math.exp(-without.sumLogprob / 7), 12);
    const counted = analyze(response, { countControlTokens: true }).summary;
    expect(counted).toMatchObject({
      tokens: 8,
      scoredTokens: 8,
      controlTokens: 1,
      countsControlTokens: true,
    });
    expect(counted.sumLogprob).toBeCloseTo(without.sumLogprob + eot, 12);
    expect(counted.perplexity).toBeCloseTo(Math.exp(-(without.sumLogprob + eot) / 8), 12);
    const report = toJsonReport(analyze(response, { countControlTokens: true }));
    expect(report.summary).toMatchObject({ tokens: 8, controlTokens: 1, countsControlTokens: true });
    expect(report.tokens.at(-1)).toMatchObject({
      text: '',
      rawText: '<|eot_id|>',
      control: true,
      flagged: false,
    });
  });

  it('every view shows the control token as a small marker, never as text', () => {
    const analysis = analyze(parseResponse(fixture('vllm.chat-llama31-eot.unrecorded.json')));
    const ansi = renderAnsi(analysis, { color: false, width: 80 });
    expect(ansi.split('\n')[0]).toBe('The capital of France is Paris.⟨eot_id⟩');
    expect(ansi).toContain('7 tokens (+1 control token, not counted)');
    expect(ansi).not.toContain('<|eot_id|>');
    const colored = renderAnsi(analysis, { color: true, width: 80, summary: false });
    expect(colored).toContain('\u001b[2;38;5;245m⟨eot_id⟩\u001b[0m');
    const html = renderHtml(analysis);
    expect(html).toMatch(
      /<span class="t b-green ctl" id="t7" data-i="7" tabindex="0" role="img" aria-label="control token \(end of turn, end of text, ...\): not part of the text">⟨eot_id⟩<\/span>/,
    );
    // The tooltip names it (the page's data escapes `<` and `>` for the script element).
    expect(html).toContain('"t":"\\u003c|eot_id|\\u003e","w":"token #7 (control token');
    const md = renderMarkdown(analysis);
    expect(md).toContain('The capital of France is Paris.`⟨eot_id⟩`');
    expect(md).toContain('| Tokens | 7 (+1 control token, not counted) |');
  });
});

describe('markControlTokens', () => {
  it('knows the control-token shapes of the common vocabularies and nothing that is text', () => {
    for (const t of [
      '<|eot_id|>',
      '<|im_end|>',
      '<|endoftext|>',
      '<|end|>',
      '</s>',
      '<eos>',
      '<end_of_turn>',
      '<｜end▁of▁sentence｜>',
      '[SEP]',
    ]) {
      expect(isControlShaped(t), t).toBe(true);
    }
    for (const t of ['<b>', ' </s>', '<|', '|>', 'eos', '<p>', '< |eot_id| >', '[INST]']) {
      expect(isControlShaped(t), t).toBe(false);
    }
  });

  it('keeps a control-shaped token that the response text holds at its place (the model wrote it)', () => {
    const tokens = [tok('Use'), tok(' '), tok('</s>'), tok(' to end.'), tok('</s>')];
    const marked = markControlTokens(tokens, 'Use </s> to end.');
    expect(marked.map((t) => t.control ?? false)).toEqual([false, false, false, false, true]);
    expect(marked.map((t) => t.text).join('')).toBe('Use </s> to end.');
  });

  it('without a response text, only what the provider marks special is a control token', () => {
    const marked = markControlTokens([tok('Hi'), tok('</s>'), tok('<|eot_id|>', { special: true })]);
    expect(marked.map((t) => t.control ?? false)).toEqual([false, false, true]);
  });

  it('a special token with no text (the local engine) is a control token; marking twice changes nothing', () => {
    const once = markControlTokens([tok('Hi'), tok('', { special: true, bytes: [] })], 'Hi');
    expect(once[1]).toMatchObject({ control: true, text: '' });
    expect(markControlTokens(once, 'Hi')).toEqual(once);
  });

  it('a nameless empty token counts only at the end of the answer', () => {
    const tokens = [tok('', { bytes: [] }), tok('Hi'), tok('', { bytes: [] })];
    expect(markControlTokens(tokens, 'Hi').map((t) => t.control ?? false)).toEqual([false, false, true]);
  });
});
