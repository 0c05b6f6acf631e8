import { analyzeConsistency } from '../analyzeConsistency.js';
import type { ConsistencyAnalysis } from '../ConsistencyAnalysis.js';

const texts = (...t: string[]) => t.map((text) => ({ text, finishReason: 'stop' }));

/**
 * A long answer: four samples about the Eiffel Tower that disagree on a year and a height; the first is
 * the one the others carry best, so it is shown.
 */
export function eiffelAnalysis(): ConsistencyAnalysis {
  return analyzeConsistency(
    texts(
      'The Eiffel Tower was completed in 1889. It is 330 metres tall. It was built for the World Fair.',
      'The Eiffel Tower was completed in 1889 for the fair. It is about 330 metres tall. It is painted red every year.',
      'Completed in 1889, the Eiffel Tower is 300 metres tall. It was built for the World Fair.',
      'The Eiffel Tower was completed in 1887. It is 330 metres tall today.',
    ),
    { temperature: 0.8, cost: { requests: 4, promptTokens: 48, completionTokens: 80, ms: 4200 } },
  );
}

/** A short answer: five samples, three of them Paris. */
export function parisAnalysis(): ConsistencyAnalysis {
  return analyzeConsistency(texts('Paris.', 'paris', 'Lyon', ' Paris', 'Marseille'), {
    temperature: 0.7,
    cost: { requests: 5 },
  });
}
