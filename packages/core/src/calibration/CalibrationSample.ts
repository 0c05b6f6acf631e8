/**
 * One answer of a calibration set: the model's confidence that the answer is right (a probability
 * in 0..1) and whether it was. Calibration asks whether answers given with confidence p are right
 * about p of the time.
 */
export interface CalibrationSample {
  confidence: number;
  correct: boolean;
}

/**
 * How a row's token logprobs become one confidence: `sum` is exp(Σ logprob), the probability of the
 * whole answer; `mean` is exp(mean logprob), the geometric mean token probability (length-neutral);
 * `min` is exp(min logprob), the weakest token's probability.
 */
export const DERIVE_MODES = ['sum', 'mean', 'min'] as const;
export type DeriveMode = (typeof DERIVE_MODES)[number];
