export { analyzeConstraint } from './analyzeConstraint.js';
export type {
  ConstrainedTokenAnalysis,
  ConstraintAnalysis,
  ConstraintSummary,
  WantedAlternative,
} from './ConstraintAnalysis.js';
