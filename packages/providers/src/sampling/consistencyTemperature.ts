/** The least temperature samples are drawn at: below it, samples agree because the sampler barely varies. */
export const MIN_CONSISTENCY_TEMPERATURE = 0.7;

/**
 * The temperature sampling consistency asks for: the request's, but at least 0.7 (the default when
 * none was set), so that agreement between samples says something about the model, not about a
 * greedy sampler repeating itself.
 */
export function consistencyTemperature(requested?: number): number {
  return Math.max(requested ?? MIN_CONSISTENCY_TEMPERATURE, MIN_CONSISTENCY_TEMPERATURE);
}
