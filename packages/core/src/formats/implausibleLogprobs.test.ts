import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../errors/InvalidValueError.js';
import type { Token } from '../model/Token.js';
import { createResponseParser } from './createResponseParser.js';
import { implausibleLogprobs, LOGPROB_ROUNDING } from './implausibleLogprobs.js';
import { parseResponse } from './parseResponse.js';

// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited as plain JSON
type Json = any;
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

/** What `run` throws (fails when it returns). */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

const token = (logprob: number | null, top: Array<[string, number | null]>, text = 'a'): Token => ({
  text,
  bytes: null,
  logprob,
  top: top.map(([t, l]) => ({ text: t, logprob: l, bytes: null })),
});

/** The attack: an OpenAI chat response whose alternatives (two a position) all claim p ~ 1. */
function allCertain(): Json {
  const r = fixture('openai-chat.seed003.recorded.json');
  for (const item of r.choices[0].logprobs.content) {
    for (const alt of item.top_logprobs) alt.logprob = -1e-9;
  }
  return r;
}

describe('implausibleLogprobs', () => {
  it('accepts sums within rounding, sentinels and a chosen token below the top-k', () => {
    expect(
      implausibleLogprobs(
        token(Math.log(0.6), [
          ['a', Math.log(0.6)],
          ['b', Math.log(0.405)],
        ]),
      ),
    ).toBe(undefined);
    expect(
      implausibleLogprobs(
        token(null, [
          ['a', 0],
          ['b', null],
        ]),
      ),
    ).toBe(undefined);
    expect(
      implausibleLogprobs(
        token(-5, [
          ['b', -0.1],
          ['c', -3],
        ]),
      ),
    ).toBe(undefined);
    // two entries with the chosen text (byte tokens shown as U+FFFD): one agreeing is enough
    expect(
      implausibleLogprobs(
        token(-2, [
          ['a', -0.2],
          ['a', -2.005],
        ]),
      ),
    ).toBe(undefined);
    expect(LOGPROB_ROUNDING).toBe(0.01);
  });

  it('names a sum above 1 and a logprob that disagrees with its own entry', () => {
    expect(
      implausibleLogprobs(
        token(-1e-9, [
          ['a', -1e-9],
          ['b', -1e-9],
          ['c', -1e-9],
        ]),
      ),
    ).toEqual({
      field: 'top_logprobs',
      detail:
        "the alternatives' probabilities sum to 3.000, more than 1 beyond rounding (logprobs -1e-9, -1e-9, -1e-9)",
    });
    expect(
      implausibleLogprobs(
        token(-0.4506, [
          ['a', -1e-9],
          ['b', -5],
        ]),
      ),
    ).toEqual({
      field: 'logprob',
      detail:
        "the chosen token's logprob -0.4506 disagrees with its own entry among the alternatives (-1e-9)",
    });
  });

  it('matches the own entry by id when both have one', () => {
    const t = token(-1, [
      ['a', -1],
      ['a', -2],
    ]);
    expect(implausibleLogprobs(t)).toBe(undefined);
    t.id = 7;
    t.top[0]!.id = 8;
    t.top[1]!.id = 7;
    expect(implausibleLogprobs(t)?.field).toBe('logprob');
  });
});

describe('impossible logprobs in a response', () => {
  it('are an InvalidValueError naming the input path', () => {
    const error = thrown(() => parseResponse(JSON.stringify(allCertain())));
    expect(error).toBeInstanceOf(InvalidValueError);
    expect(error).toMatchObject({ path: 'choices[0].logprobs.content[0].top_logprobs', status: 400 });
    expect((error as Error).message).toMatch(
      /^invalid value at choices\[0\]\.logprobs\.content\[0\]\.top_logprobs: the alternatives' probabilities sum to 2\.000/,
    );
    const r = fixture('openai-chat.seed003.recorded.json');
    r.choices[0].logprobs.content[1].logprob = -0.4506;
    expect(() => parseResponse(JSON.stringify(r))).toThrow(
      "invalid value at choices[0].logprobs.content[1].logprob: the chosen token's logprob -0.4506 disagrees",
    );
  });

  it.each<[string, string, (r: Json) => void]>([
    [
      'openai-completions.echo.unrecorded.json',
      'choices[0].logprobs.top_logprobs[1]',
      (r) => {
        const top = r.choices[0].logprobs.top_logprobs[1];
        for (const key of Object.keys(top)) top[key] = -0.01;
        top.extra = -0.01;
      },
    ],
    [
      'tgi.top-tokens.unrecorded.json',
      'details.top_tokens[1]',
      (r) => {
        for (const alt of r.details.top_tokens[1]) alt.logprob = -0.01;
      },
    ],
    [
      'llamacpp-completion.post-sampling-probs.unrecorded.json',
      'completion_probabilities[0].top_probs',
      (r) => {
        for (const alt of r.completion_probabilities[0].top_probs) alt.prob = 0.8;
      },
    ],
    [
      'llamacpp-completion.whole.unrecorded.json',
      'completion_probabilities[1].top_logprobs',
      (r) => {
        for (const alt of r.completion_probabilities[1].top_logprobs) alt.logprob = -0.01;
      },
    ],
    [
      'gemini.generate-content.unrecorded.json',
      'candidates[0].logprobsResult.topCandidates[2].candidates',
      (r) => {
        for (const alt of r.candidates[0].logprobsResult.topCandidates[2].candidates)
          alt.logProbability = -0.01;
      },
    ],
    [
      'sglang.generate.unrecorded.json',
      'meta_info.output_top_logprobs[1]',
      (r) => {
        for (const alt of r.meta_info.output_top_logprobs[1]) alt[0] = -0.01;
      },
    ],
    [
      'ollama.generate.unrecorded.json',
      'logprobs[1].top_logprobs',
      (r) => {
        for (const alt of r.logprobs[1].top_logprobs) alt.logprob = -0.01;
      },
    ],
  ])('%s: a sum above 1 is named at %s', (name, path, spoil) => {
    const r = fixture(name);
    spoil(r);
    const error = thrown(() => parseResponse(JSON.stringify(r)));
    expect(error).toBeInstanceOf(InvalidValueError);
    expect((error as InvalidValueError).path).toBe(path);
  });

  it('are analysed with lenient, one warning per kind of problem', () => {
    const r = allCertain();
    r.choices[0].logprobs.content[1].top_logprobs = [{ token: 'x', logprob: -3, bytes: null }];
    r.choices[0].logprobs.content[1].logprob = -0.1;
    r.choices[0].logprobs.content[1].token = 'x';
    const response = parseResponse(JSON.stringify(r), { lenient: true });
    const n = r.choices[0].logprobs.content.length;
    expect(response.completions[0]!.tokens).toHaveLength(n);
    expect(response.warnings).toEqual([
      "invalid value at choices[0].logprobs.content[0].top_logprobs: the alternatives' probabilities sum to " +
        `2.000, more than 1 beyond rounding (logprobs -1e-9, -1e-9) (and ${n - 2} more positions like it); analysed anyway (lenient)`,
      "invalid value at choices[0].logprobs.content[1].logprob: the chosen token's logprob -0.1 disagrees with " +
        'its own entry among the alternatives (-3); analysed anyway (lenient)',
    ]);
  });

  it('are found in a stream written in pieces, strict or lenient', () => {
    const sse = readFileSync(
      new URL('./__fixtures__/openai-chat.stream-emoji.unrecorded.sse.txt', import.meta.url),
      'utf8',
    ).replace(/"logprob":-[0-9.e-]+/g, '"logprob":-1e-9');
    const parse = (options: { lenient?: boolean }) => {
      const parser = createResponseParser(options);
      for (let i = 0; i < sse.length; i += 7) parser.write(sse.slice(i, i + 7));
      return parser.end();
    };
    expect(() => parse({})).toThrow(
      /^invalid value at \[\d+\]\.choices\[0\]\.logprobs\.content\[0\]\.top_logprobs: /,
    );
    expect(parse({ lenient: true }).warnings).toEqual([
      expect.stringMatching(
        /^invalid value at \[\d+\]\.choices\[0\]\.logprobs\.content\[0\]\.top_logprobs: .*analysed anyway \(lenient\)$/,
      ),
    ]);
  });

  it('keep their format path in a lenient parse, and a strict parse has no warnings', () => {
    const r = fixture('openai-completions.echo.unrecorded.json');
    const top = r.choices[0].logprobs.top_logprobs[1];
    for (const key of Object.keys(top)) top[key] = -0.01;
    top.extra = -0.01;
    const lenient = parseResponse(JSON.stringify(r), { lenient: true });
    expect(lenient.warnings?.[0]).toMatch(/^invalid value at choices\[0\]\.logprobs\.top_logprobs\[1\]: /);
    const fine = parseResponse(JSON.stringify(fixture('openai-completions.echo.unrecorded.json')));
    expect(fine).not.toHaveProperty('warnings');
  });
});
