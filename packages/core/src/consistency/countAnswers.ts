import type { AnswerCount, ConsistencySample } from './ConsistencyAnalysis.js';
import { normalizeAnswer } from './normalizeAnswer.js';

/**
 * The distinct answers of the samples after `normalizeAnswer`, most common first (among equally
 * common ones, the one that came first), each shown as the first sample's text that gave it.
 */
export function countAnswers(samples: readonly Pick<ConsistencySample, 'text'>[]): AnswerCount[] {
  const byAnswer = new Map<string, AnswerCount>();
  for (const s of samples) {
    const answer = normalizeAnswer(s.text);
    const seen = byAnswer.get(answer);
    if (seen) seen.count++;
    else byAnswer.set(answer, { answer, text: s.text.trim(), count: 1 });
  }
  return [...byAnswer.values()].sort((a, b) => b.count - a.count);
}
