export { DEFAULT_PROBE_TIMEOUT_MS } from './ProbeClient.js';
export type {
  ProbeExchange,
  ProbeFinding,
  ProbeFindingId,
  ProbeFindings,
  ProbeReport,
  ProbeResult,
} from './ProbeReport.js';
export { ProbeUnreachableError } from './ProbeUnreachableError.js';
export { type ProbeOptions, probeEndpoint } from './probeEndpoint.js';
