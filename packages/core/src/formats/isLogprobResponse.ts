import { FORMAT_IDS, type LogprobResponse } from '../model/Completion.js';
import { isRecord } from './checkShape.js';

/** True for a response already parsed (`parseResponse`'s result), as opposed to one still to parse. */
export function isLogprobResponse(value: unknown): value is LogprobResponse {
  return (
    isRecord(value) &&
    (FORMAT_IDS as readonly unknown[]).includes(value.format) &&
    Array.isArray(value.completions)
  );
}
