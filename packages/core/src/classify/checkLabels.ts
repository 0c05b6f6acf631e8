import { InvalidOptionError } from '../errors/InvalidOptionError.js';

/**
 * Checks a label set: at least two labels (one label always gets probability 1 once normalised),
 * none empty or blank, no duplicates. Returns the labels with surrounding whitespace trimmed.
 */
export function checkLabels(labels: readonly string[]): string[] {
  const trimmed = labels.map((l) => l.trim());
  const blank = trimmed.findIndex((l) => l.length === 0);
  if (blank !== -1) {
    throw new InvalidOptionError(
      'labels',
      `expected non-empty labels, got an empty one at position ${blank + 1}`,
    );
  }
  if (trimmed.length < 2) {
    throw new InvalidOptionError(
      'labels',
      `expected at least 2 labels, got ${trimmed.length}: one label always gets probability 1 after normalising; score one continuation with tokenscope rerank or score`,
    );
  }
  const seen = new Set<string>();
  for (const label of trimmed) {
    if (seen.has(label))
      throw new InvalidOptionError('labels', `expected distinct labels, got "${label}" twice`);
    seen.add(label);
  }
  return trimmed;
}
