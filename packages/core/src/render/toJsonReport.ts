import type { Analysis, Ending, FactKind, TokenAnalysis } from '../analysis/Analysis.js';
import type { Band, Clue, Thresholds } from '../analysis/Thresholds.js';
import type { Distribution, FormatId } from '../model/Completion.js';
import { DISCLAIMER } from './legend.js';
import { type JsonConstraint, toJsonConstraint } from './toJsonConstraint.js';

/** One reported alternative. Documented in docs/json-format.md. */
export interface JsonAlternative {
  text: string;
  logprob: number | null;
  prob: number | null;
  bytes: number[] | null;
  id: number | null;
}

/** One token. Documented in docs/json-format.md. */
export interface JsonToken {
  index: number;
  text: string;
  rawText: string | null;
  bytes: number[] | null;
  offset: number;
  logprob: number | null;
  prob: number | null;
  surprisal: number | null;
  rank: number | null;
  inTopK: boolean | null;
  margin: number | null;
  topMass: number;
  entropy: number | null;
  entropyUpper: number | null;
  entropyExact: boolean;
  band: Band;
  clues: Clue[];
  flagged: boolean;
  special: boolean;
  /** A control token (end of turn, ...): not part of `text`, its name in `rawText`. */
  control: boolean;
  utf8Group: [number, number] | null;
  top: JsonAlternative[];
}

/** A token range with its text and confidence (spans, sentences, facts share these fields). */
interface JsonRange {
  text: string;
  start: number;
  end: number;
  charStart: number;
  charEnd: number;
  meanLogprob: number | null;
  minProb: number | null;
}

/** The stable machine format (`"version": 1`). Every number is finite or null. */
export interface JsonReport {
  version: 1;
  generator: 'tokenscope';
  disclaimer: string;
  text: string;
  source: {
    format: FormatId;
    model: string | null;
    id: string | null;
    index: number;
    distribution: Distribution;
    topK: number;
    finishReason: string | null;
  };
  /** How the answer ended: cut off by the token limit, incomplete under its constraint. */
  ending: {
    kind: Ending['kind'];
    cutOff: boolean;
    /** Why a constrained answer does not satisfy its constraint; null when it does or had none. */
    constraintIncomplete: string | null;
  };
  thresholds: Thresholds;
  summary: {
    tokens: number;
    controlTokens: number;
    countsControlTokens: boolean;
    scoredTokens: number;
    sumLogprob: number | null;
    meanLogprob: number | null;
    perplexity: number | null;
    minProb: number | null;
    minProbIndex: number | null;
    flaggedTokens: number;
    clueCounts: Record<Clue, number>;
    bandCounts: Record<Band, number>;
  };
  tokens: JsonToken[];
  words: Array<JsonRange & { flagged: boolean }>;
  sentences: Array<JsonRange & { flaggedTokens: number }>;
  spans: Array<
    JsonRange & { weakest: number; clues: Clue[]; facts: FactKind[]; alternatives: JsonAlternative[] }
  >;
  facts: Array<JsonRange & { kind: FactKind; flagged: boolean }>;
  /** What a constraint did, token by token; null when the answer was not constrained. */
  constraint: JsonConstraint | null;
  /** Problems a lenient parse let through (`--lenient`), one line each; empty when none. */
  warnings: string[];
}

/** A finite number, or null (JSON has no NaN or Infinity). */
function num(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

function alternative(a: TokenAnalysis['top'][number]): JsonAlternative {
  return { text: a.text, logprob: num(a.logprob), prob: num(a.prob), bytes: a.bytes, id: a.id ?? null };
}

function range(r: JsonRange): JsonRange {
  return {
    text: r.text,
    start: r.start,
    end: r.end,
    charStart: r.charStart,
    charEnd: r.charEnd,
    meanLogprob: num(r.meanLogprob),
    minProb: num(r.minProb),
  };
}

/**
 * The analysis as the stable JSON report (version 1): every field always present (null when
 * unknown), every number finite or null. See docs/json-format.md for each field.
 */
export function toJsonReport(analysis: Analysis): JsonReport {
  const s = analysis.summary;
  const src = analysis.source;
  return {
    version: 1,
    generator: 'tokenscope',
    disclaimer: DISCLAIMER,
    text: analysis.text,
    source: {
      format: src.format,
      model: src.model ?? null,
      id: src.id ?? null,
      index: src.index,
      distribution: src.distribution,
      topK: src.topK,
      finishReason: src.finishReason ?? null,
    },
    ending: {
      kind: analysis.ending.kind,
      cutOff: analysis.ending.cutOff,
      constraintIncomplete: analysis.ending.constraintIncomplete ?? null,
    },
    thresholds: {
      bands: { ...analysis.thresholds.bands },
      lowConfidence: analysis.thresholds.lowConfidence,
      ambiguousMargin: analysis.thresholds.ambiguousMargin,
    },
    summary: {
      tokens: s.tokens,
      controlTokens: s.controlTokens,
      countsControlTokens: s.countsControlTokens,
      scoredTokens: s.scoredTokens,
      sumLogprob: num(s.sumLogprob),
      meanLogprob: num(s.meanLogprob),
      perplexity: num(s.perplexity),
      minProb: num(s.minProb),
      minProbIndex: s.minProbIndex,
      flaggedTokens: s.flaggedTokens,
      clueCounts: { ...s.clueCounts },
      bandCounts: { ...s.bandCounts },
    },
    tokens: analysis.tokens.map((t) => ({
      index: t.index,
      text: t.text,
      rawText: t.rawText ?? null,
      bytes: t.bytes,
      offset: t.offset,
      logprob: num(t.logprob),
      prob: num(t.prob),
      surprisal: num(t.surprisal),
      rank: t.rank,
      inTopK: t.inTopK,
      margin: num(t.margin),
      topMass: num(t.topMass) ?? 0,
      entropy: num(t.entropy),
      entropyUpper: num(t.entropyUpper),
      entropyExact: t.entropyExact,
      band: t.band,
      clues: [...t.clues],
      flagged: t.flagged,
      special: t.special ?? false,
      control: t.control === true,
      utf8Group: t.utf8Group ?? null,
      top: t.top.map(alternative),
    })),
    words: analysis.words.map((w) => ({ ...range(w), flagged: w.flagged })),
    sentences: analysis.sentences.map((x) => ({ ...range(x), flaggedTokens: x.flaggedTokens })),
    spans: analysis.spans.map((x) => ({
      ...range(x),
      weakest: x.weakest,
      clues: [...x.clues],
      facts: [...x.facts],
      alternatives: x.alternatives.map(alternative),
    })),
    facts: analysis.facts.map((f) => ({ ...range(f), kind: f.kind, flagged: f.flagged })),
    constraint: analysis.constraint ? toJsonConstraint(analysis.constraint) : null,
    warnings: [...(analysis.warnings ?? [])],
  };
}
