/** Reranking candidates by their logprob given a prompt (seed 001). */

export { renderRerankText } from './renderRerank.js';
export {
  type CandidateScore,
  DEFAULT_ALPHA,
  type LengthPenalty,
  lengthDivisor,
  RANKINGS,
  type RankedCandidate,
  type RankingName,
  type RerankOptions,
  type RerankResult,
  rerank,
} from './rerank.js';
