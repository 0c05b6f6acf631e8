export type {
  Completion,
  ConstraintInfo,
  ConstraintKind,
  Distribution,
  FormatId,
  LogprobResponse,
} from './Completion.js';
export { FORMAT_IDS } from './Completion.js';
export type { ConstrainedValues, RawValue, Token, TopAlternative } from './Token.js';
