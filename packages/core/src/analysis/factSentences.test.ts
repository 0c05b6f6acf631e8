/**
 * Precision and recall of the critical-fact detector (patterns + `@tokenscope/core/names`) on the
 * hand-labelled sentences of __fixtures__/factSentences.jsonl (see the README there), and on the
 * held-out set written after the detector was tuned. A found fact counts when its kind and text both
 * match a labelled one. `node bench/run.js --only facts` prints the same figures as a table.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript shared with the bench, without type declarations
import { readFactSentences, scoreFacts } from '../../../../bench/factScores.js';
import '../names.js';
import { FACT_KINDS } from './Analysis.js';
import { findFactSpans } from './findFactSpans.js';

const GOAL = 0.9;
const find = (text: string) =>
  findFactSpans(text).map((f) => ({ kind: f.kind, text: text.slice(f.charStart, f.charEnd) }));
const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url);

interface Rates {
  precision: number;
  recall: number;
}

describe('critical facts on the labelled sentences', () => {
  const sentences = readFactSentences(fixture('factSentences.jsonl'));
  const score = scoreFacts(sentences, find, FACT_KINDS) as {
    overall: Rates;
    spanOnly: Rates;
    kinds: Record<string, Rates>;
  };

  it('has at least 200 sentences in several languages and domains, every fact found in its text', () => {
    expect(sentences.length).toBeGreaterThanOrEqual(200);
    const langs = new Set(sentences.map((s: { lang: string }) => s.lang));
    expect([...langs].sort()).toEqual(['de', 'en', 'es', 'fr', 'it']);
    for (const s of sentences as Array<{ text: string; facts: Array<[string, string]> }>)
      for (const [kind, text] of s.facts) {
        expect(FACT_KINDS).toContain(kind);
        expect(s.text).toContain(text);
      }
  });

  it(`reaches precision and recall >= ${GOAL} over all kinds`, () => {
    expect(score.overall.precision).toBeGreaterThanOrEqual(GOAL);
    expect(score.overall.recall).toBeGreaterThanOrEqual(GOAL);
  });

  it(`finds the pattern kinds (title, number, money, date, url, email, code) with >= ${GOAL}`, () => {
    for (const kind of ['title', 'number', 'money', 'date', 'url', 'email', 'code']) {
      expect(score.kinds[kind]!.precision, kind).toBeGreaterThanOrEqual(GOAL);
      expect(score.kinds[kind]!.recall, kind).toBeGreaterThanOrEqual(GOAL);
    }
  });

  it('flags no sentence-initial pleasantry as a name', () => {
    for (const text of [
      'Thank you for asking!',
      'Sure, here is a summary.',
      'Certainly!',
      'However, no.',
      'The end.',
    ])
      expect(find(text)).toEqual([]);
  });
});

describe('critical facts on the held-out sentences', () => {
  // Written after the detector was tuned on factSentences.jsonl and never tuned on: an honest
  // estimate. The kinds of names fall short of the goal there (docs/facts.md); which text is a fact
  // at all does not.
  const score = scoreFacts(readFactSentences(fixture('factSentences.heldout.jsonl')), find, FACT_KINDS) as {
    overall: Rates;
    spanOnly: Rates;
  };

  it(`marks the right text with precision and recall >= ${GOAL}, whatever the kind`, () => {
    expect(score.spanOnly.precision).toBeGreaterThanOrEqual(GOAL);
    expect(score.spanOnly.recall).toBeGreaterThanOrEqual(GOAL);
  });

  it('keeps kind and text right at least as often as when it was written (0.83 / 0.85)', () => {
    expect(score.overall.precision).toBeGreaterThanOrEqual(0.83);
    expect(score.overall.recall).toBeGreaterThanOrEqual(0.85);
  });
});
