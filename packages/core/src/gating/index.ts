/** Confidence gating (seed 001): publish or review each sentence by its mean logprob. */
export type { GateOptions, GateResult, GateVerdict, SentenceGate } from './gate.js';
export { DEFAULT_GATE_THRESHOLDS, GATE_VERDICTS, gate, resolveGateThresholds } from './gate.js';
export { renderGateJson, renderGateMarkdown, renderGateText } from './renderGate.js';
