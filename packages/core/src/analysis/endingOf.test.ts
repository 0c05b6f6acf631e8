import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseResponse } from '../formats/parseResponse.js';
import { renderAnsi } from '../render/renderAnsi.js';
import { renderHtml } from '../render/renderHtml.js';
import { renderMarkdown } from '../render/renderMarkdown.js';
import { toJsonReport } from '../render/toJsonReport.js';
import { endingNotes } from '../render/xray/endingNotes.js';
import { analyze } from './analyze.js';
import { endingOf } from './endingOf.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../formats/__fixtures__/${name}`, import.meta.url), 'utf8');

/** A fixture with its finish reason replaced, as each provider says "cut off by max tokens". */
function cutOff(name: string, edit: (value: Record<string, unknown>) => void): string {
  const value = JSON.parse(fixture(name)) as Record<string, unknown>;
  edit(value);
  return JSON.stringify(value);
}

const first = (v: Record<string, unknown>, key: string) => (v[key] as Array<Record<string, unknown>>)[0]!;

const CUT_OFF: Array<[string, string, string]> = [
  [
    'openai-chat',
    cutOff('openai-chat.seed003.recorded.json', (v) => {
      first(v, 'choices').finish_reason = 'length';
    }),
    'length',
  ],
  [
    'gemini',
    cutOff('gemini.generate-content.unrecorded.json', (v) => {
      first(v, 'candidates').finishReason = 'MAX_TOKENS';
    }),
    'MAX_TOKENS',
  ],
  [
    'ollama',
    cutOff('ollama.chat.unrecorded.json', (v) => {
      v.done_reason = 'length';
    }),
    'length',
  ],
  ['tgi', fixture('tgi.generate.recorded.json'), 'length'],
  [
    'openai-responses',
    cutOff('openai-responses.whole.unrecorded.json', (v) => {
      v.status = 'incomplete';
      v.incomplete_details = { reason: 'max_output_tokens' };
    }),
    'max_output_tokens',
  ],
];

describe('endingOf', () => {
  it("normalises the providers' finish reasons", () => {
    const kind = (finishReason?: string) =>
      endingOf({ text: '', ...(finishReason && { finishReason }) }).kind;
    expect(['length', 'MAX_TOKENS', 'max_tokens', 'max_output_tokens', 'limit'].map(kind)).toEqual(
      Array(5).fill('length'),
    );
    expect(['stop', 'STOP', 'eos_token', 'eos', 'end_turn', 'tool_calls', 'word'].map(kind)).toEqual(
      Array(7).fill('stop'),
    );
    expect(['content_filter', 'SAFETY'].map(kind)).toEqual(['filtered', 'filtered']);
    expect(kind('load')).toBe('other');
    expect(kind(undefined)).toBe('unknown');
  });

  it.each(CUT_OFF)(
    '%s: an answer cut off by the token limit says so in every view',
    (_format, input, reason) => {
      const analysis = analyze(parseResponse(input));
      expect(analysis.ending).toEqual({ kind: 'length', cutOff: true, finishReason: reason });
      const line = `Cut off: generation stopped at the token limit (finish reason "${reason}"): the answer is incomplete.`;
      expect(renderAnsi(analysis, { color: false, width: 0 }).split('\n')[0]).toBe(line);
      // Markdown escapes the underscores of MAX_TOKENS.
      expect(renderMarkdown(analysis)).toContain(
        `> **Cut off:** generation stopped at the token limit (finish reason "${reason.replaceAll('_', '\\_')}"): the answer is incomplete.`,
      );
      expect(renderHtml(analysis)).toContain(
        `<p class="warning ending" data-ending="cut-off" role="status"><b>Cut off:</b> generation stopped at the token limit (finish reason &quot;${reason}&quot;): the answer is incomplete.</p>`,
      );
      expect(toJsonReport(analysis).ending).toEqual({
        kind: 'length',
        cutOff: true,
        constraintIncomplete: null,
      });
    },
  );

  it('an answer that ended by itself has no note', () => {
    const analysis = analyze(parseResponse(fixture('openai-chat.seed003.recorded.json')));
    expect(analysis.ending).toEqual({ kind: 'stop', cutOff: false, finishReason: 'stop' });
    expect(endingNotes(analysis)).toEqual([]);
    expect(renderAnsi(analysis, { color: false })).not.toContain('Cut off');
  });

  it("a constrained answer: the engine's verdict first, else JSON that does not parse, else a grammar the limit stopped", () => {
    const json = { kind: 'json-schema' as const, description: '{"type":"object"}' };
    expect(endingOf({ text: '{"a": 1', finishReason: 'length', constraint: json })).toEqual({
      kind: 'length',
      cutOff: true,
      finishReason: 'length',
      constraintIncomplete: 'the output is not valid JSON (the token limit cut it off)',
    });
    expect(
      endingOf({ text: '{"a": 1}', finishReason: 'stop', constraint: json }).constraintIncomplete,
    ).toBeUndefined();
    const engine = {
      ...json,
      complete: false,
      incompleteReason: 'the JSON does not satisfy the schema: a is missing',
    };
    expect(endingOf({ text: '{}', finishReason: 'stop', constraint: engine }).constraintIncomplete).toBe(
      'the JSON does not satisfy the schema: a is missing',
    );
    const grammar = { kind: 'grammar' as const, description: 'root ::= [a-z]+ "."' };
    expect(endingOf({ text: 'abc', finishReason: 'length', constraint: grammar }).constraintIncomplete).toBe(
      'the token limit stopped the output before the grammar was complete',
    );
    expect(
      endingOf({ text: 'abc.', finishReason: 'stop', constraint: grammar }).constraintIncomplete,
    ).toBeUndefined();
    expect(
      endingNotes({ ending: endingOf({ text: '{', finishReason: 'length', constraint: json }) }),
    ).toEqual([
      {
        kind: 'cut-off',
        title: 'Cut off',
        text: 'generation stopped at the token limit (finish reason "length"): the answer is incomplete.',
      },
      {
        kind: 'incomplete',
        title: 'Incomplete',
        text: 'the answer does not satisfy its constraint: the output is not valid JSON (the token limit cut it off).',
      },
    ]);
  });
});
