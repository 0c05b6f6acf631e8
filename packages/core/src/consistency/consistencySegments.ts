import type { ConsistencyAnalysis } from './ConsistencyAnalysis.js';

/** A run of the shown answer inside at most one sentence and one fact (what views colour and mark). */
export interface ConsistencySegment {
  text: string;
  charStart: number;
  charEnd: number;
  /** Index in `analysis.sentences` of the sentence holding it, or null between sentences. */
  sentence: number | null;
  /** Index in `analysis.facts` of the fact holding it, or null. */
  fact: number | null;
  /** This segment ends its sentence / fact (where a view puts the support mark). */
  endsSentence: boolean;
  endsFact: boolean;
}

/**
 * Cuts the shown answer at every sentence and fact boundary, so each segment lies in at most one
 * sentence and one fact; concatenated, the segments are `analysis.text`. A fact that overlaps an
 * earlier one is left out (facts do not nest).
 */
export function consistencySegments(analysis: ConsistencyAnalysis): ConsistencySegment[] {
  const text = analysis.text;
  const facts: number[] = [];
  let lastEnd = 0;
  analysis.facts
    .map((f, i) => ({ f, i }))
    .sort((a, b) => a.f.charStart - b.f.charStart)
    .forEach(({ f, i }) => {
      if (f.charStart >= lastEnd && f.charEnd > f.charStart) {
        facts.push(i);
        lastEnd = f.charEnd;
      }
    });
  const cuts = new Set<number>([0, text.length]);
  for (const s of analysis.sentences) cuts.add(s.charStart).add(s.charEnd);
  for (const i of facts) cuts.add(analysis.facts[i]!.charStart).add(analysis.facts[i]!.charEnd);
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const inside = (start: number, end: number) => (u: { charStart: number; charEnd: number }) =>
    u.charStart <= start && end <= u.charEnd;
  const out: ConsistencySegment[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k]!;
    const b = points[k + 1]!;
    if (b <= a) continue;
    const sentence = analysis.sentences.findIndex(inside(a, b));
    const fact = facts.find((i) => inside(a, b)(analysis.facts[i]!));
    out.push({
      text: text.slice(a, b),
      charStart: a,
      charEnd: b,
      sentence: sentence === -1 ? null : sentence,
      fact: fact ?? null,
      endsSentence: sentence !== -1 && analysis.sentences[sentence]!.charEnd === b,
      endsFact: fact !== undefined && analysis.facts[fact]!.charEnd === b,
    });
  }
  return out;
}
