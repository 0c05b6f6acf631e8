/**
 * Area under the ROC curve of confidence as a score for "the answer is correct": the probability that
 * a random correct answer has a higher confidence than a random wrong one, ties counting 1/2
 * (the Mann-Whitney U statistic over n_correct · n_wrong pairs, computed with mid-ranks in
 * O(n log n)). Null when every answer is correct or every answer is wrong: the area is undefined.
 */
export function auroc(scores: ArrayLike<number>, positives: ArrayLike<number>): number | null {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positive = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j < n && scores[order[j]!] === scores[order[i]!]) j++;
    const midRank = (i + 1 + j) / 2; // ranks i+1 .. j share their mean
    for (let t = i; t < j; t++) {
      if (positives[order[t]!] === 1) {
        positive++;
        rankSum += midRank;
      }
    }
    i = j;
  }
  const negative = n - positive;
  if (positive === 0 || negative === 0) return null;
  return (rankSum - (positive * (positive + 1)) / 2) / (positive * negative);
}
