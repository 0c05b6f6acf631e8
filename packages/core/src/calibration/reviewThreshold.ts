/**
 * Review budgets: flag the least confident answers for a human. An answer is flagged when its
 * confidence is at or below `threshold`; answers with equal confidence are flagged together.
 *
 * - `byBudget(share)`: flag as many of the least confident answers as fit in `share` of all answers
 *   ("flag at most 12 %"), and report the share of the errors that this catches.
 * - `byCatch(recall)`: flag the fewest answers that catch at least `recall` of the errors ("catch
 *   80 % of the errors"), and report how many answers that flags.
 */
export interface ReviewThreshold {
  /** What was asked: the budget (share of answers) or the error recall to reach. */
  target: number;
  /** Flag answers with confidence <= threshold; null when none is flagged. */
  threshold: number | null;
  flagged: number;
  flaggedShare: number;
  errors: number;
  errorsCaught: number;
  /** errorsCaught / errors; null when there are no errors. */
  recall: number | null;
  /** errorsCaught / flagged: the share of flagged answers that were wrong; null when none flagged. */
  precision: number | null;
}

const TOLERANCE = 1e-9;

interface Group {
  confidence: number;
  size: number;
  errors: number;
}

function groupsAscending(confidences: ArrayLike<number>, correct: ArrayLike<number>): Group[] {
  const order = Array.from({ length: confidences.length }, (_, i) => i).sort(
    (a, b) => confidences[a]! - confidences[b]!,
  );
  const groups: Group[] = [];
  for (const i of order) {
    const last = groups[groups.length - 1];
    const c = confidences[i]!;
    if (last !== undefined && last.confidence === c) {
      last.size++;
      last.errors += 1 - correct[i]!;
    } else groups.push({ confidence: c, size: 1, errors: 1 - correct[i]! });
  }
  return groups;
}

function result(target: number, n: number, totalErrors: number, flaggedGroups: Group[]): ReviewThreshold {
  const flagged = flaggedGroups.reduce((a, g) => a + g.size, 0);
  const caught = flaggedGroups.reduce((a, g) => a + g.errors, 0);
  return {
    target,
    threshold: flaggedGroups.length === 0 ? null : flaggedGroups[flaggedGroups.length - 1]!.confidence,
    flagged,
    flaggedShare: n === 0 ? 0 : flagged / n,
    errors: totalErrors,
    errorsCaught: caught,
    recall: totalErrors === 0 ? null : caught / totalErrors,
    precision: flagged === 0 ? null : caught / flagged,
  };
}

export function reviewByBudget(
  confidences: ArrayLike<number>,
  correct: ArrayLike<number>,
  share: number,
): ReviewThreshold {
  const n = confidences.length;
  const groups = groupsAscending(confidences, correct);
  const limit = share * n + TOLERANCE;
  const taken: Group[] = [];
  let flagged = 0;
  for (const g of groups) {
    if (flagged + g.size > limit) break;
    flagged += g.size;
    taken.push(g);
  }
  return result(
    share,
    n,
    groups.reduce((a, g) => a + g.errors, 0),
    taken,
  );
}

export function reviewByCatch(
  confidences: ArrayLike<number>,
  correct: ArrayLike<number>,
  recall: number,
): ReviewThreshold {
  const n = confidences.length;
  const groups = groupsAscending(confidences, correct);
  const totalErrors = groups.reduce((a, g) => a + g.errors, 0);
  const taken: Group[] = [];
  let caught = 0;
  for (const g of groups) {
    if (totalErrors === 0 || caught >= recall * totalErrors - TOLERANCE) break;
    caught += g.errors;
    taken.push(g);
  }
  return result(recall, n, totalErrors, taken);
}
