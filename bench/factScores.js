/**
 * Precision and recall of critical-fact detection against the hand-labelled sentences in
 * packages/core/src/analysis/__fixtures__/factSentences.jsonl (see the README there). A found fact is
 * right when a labelled fact of the same sentence has the same kind and the same text; each labelled
 * fact matches at most one found fact. `spanOnly` ignores the kind (is the right text marked at all?).
 */
import { readFileSync } from 'node:fs';

export const FACT_SENTENCES = new URL(
  '../packages/core/src/analysis/__fixtures__/factSentences.jsonl',
  import.meta.url,
);

/** The labelled sentences: { lang, domain, text, facts: [[kind, text], ...] }. */
export function readFactSentences(file = FACT_SENTENCES) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const s = JSON.parse(line);
      if (typeof s.text !== 'string' || !Array.isArray(s.facts))
        throw new Error(`line ${i + 1} of ${file}: expected {text, facts}, got ${line.slice(0, 80)}`);
      return s;
    });
}

/**
 * Scores `find(text) -> [{kind, text}]` over `sentences`. Returns per kind and overall
 * { tp, fp, fn, precision, recall }, the same kind-blind (`spanOnly`), and the per-sentence misses.
 */
export function scoreFacts(sentences, find, kinds) {
  const byKind = new Map(kinds.map((k) => [k, { tp: 0, fp: 0, fn: 0 }]));
  const overall = { tp: 0, fp: 0, fn: 0 };
  const spanOnly = { tp: 0, fp: 0, fn: 0 };
  const errors = [];
  for (const s of sentences) {
    const found = find(s.text).map((f) => [f.kind, f.text]);
    const count = (key) => {
      const gold = s.facts.map(key);
      const matched = [];
      const unmatched = [];
      for (const f of found.map(key)) {
        const i = gold.indexOf(f);
        if (i >= 0) {
          gold.splice(i, 1);
          matched.push(f);
        } else unmatched.push(f);
      }
      return { tp: matched.length, matched, fp: unmatched, fn: gold };
    };
    const strict = count(([kind, text]) => `${kind}\u0000${text}`);
    const loose = count(([, text]) => text);
    spanOnly.tp += loose.tp;
    spanOnly.fp += loose.fp.length;
    spanOnly.fn += loose.fn.length;
    overall.tp += strict.tp;
    overall.fp += strict.fp.length;
    overall.fn += strict.fn.length;
    const kindOf = (key) => key.split('\u0000')[0];
    for (const key of strict.matched) byKind.get(kindOf(key)).tp++;
    for (const key of strict.fp) byKind.get(kindOf(key)).fp++;
    for (const key of strict.fn) byKind.get(kindOf(key)).fn++;
    if (strict.fp.length || strict.fn.length)
      errors.push({
        text: s.text,
        extra: strict.fp.map((k) => k.replace('\u0000', ':')),
        missed: strict.fn.map((k) => k.replace('\u0000', ':')),
      });
  }
  const rates = (c) => ({
    ...c,
    precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp),
    recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn),
  });
  return {
    kinds: Object.fromEntries([...byKind].map(([k, c]) => [k, rates(c)])),
    overall: rates(overall),
    spanOnly: rates(spanOnly),
    errors,
  };
}
