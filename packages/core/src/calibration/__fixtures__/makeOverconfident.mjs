/**
 * Writes overconfident.synthetic.jsonl: a documented SYNTHETIC calibration set (not recorded from a
 * model) that behaves like an over-confident question-answering model. Run:
 *   node packages/core/src/calibration/__fixtures__/makeOverconfident.mjs > packages/core/src/calibration/__fixtures__/overconfident.synthetic.jsonl
 *
 * For each of 300 answers (seeded mulberry32, seed 2024):
 * - the chance q that the answer is right is drawn from a mixture: 70 % easy questions
 *   (q uniform in [0.55, 0.98]) and 30 % hard ones (q uniform in [0.05, 0.6]);
 * - correct ~ Bernoulli(q);
 * - the model's stated confidence c is over-confident: logit(c) = 1.8 · logit(q) + 0.5
 *   (too extreme and shifted up). On many rows Platt recovers a = 1/1.8 ≈ 0.56, b = -0.5/1.8 ≈ -0.28
 *   (on 20 000 rows: 0.55, -0.26; on these 300 the fit is noisier); temperature scaling, which has
 *   no offset, comes out above 1.8 (about 2.0) because it must also absorb the shift;
 * - the answer has 1 to 4 tokens whose logprobs average ln c (so `--derive mean` gives back c and
 *   `--derive sum` gives c^k: longer answers look less sure).
 * Numbers are rounded to 4 decimals.
 */
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = seededRandom(2024);
const logit = (p) => Math.log(p / (1 - p));
const sigmoid = (z) => 1 / (1 + Math.exp(-z));
const lines = [];
for (let i = 0; i < 300; i++) {
  const q = random() < 0.7 ? 0.55 + 0.43 * random() : 0.05 + 0.55 * random();
  const correct = random() < q;
  const c = Math.min(0.9999, sigmoid(1.8 * logit(q) + 0.5));
  const k = 1 + Math.floor(random() * 4);
  const weights = Array.from({ length: k }, () => 0.2 + random());
  const total = weights.reduce((a, b) => a + b, 0);
  const logprobs = weights.map((w) => Number(((Math.log(c) * w * k) / total).toFixed(4)));
  lines.push(JSON.stringify({ id: `q${String(i + 1).padStart(3, '0')}`, logprobs, correct }));
}
process.stdout.write(`${lines.join('\n')}\n`);
