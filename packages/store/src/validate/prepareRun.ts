/**
 * Everything `save` needs before it takes the write lock: the run validated (zod; token lists by a
 * fast check first, `tokensAreValid`), its title and tags normalised, its summary computed (core's
 * analysis of completion 0), the response as JSON, and the texts that previews and search use.
 */
import {
  type GateVerdict,
  gateConsistency,
  isSamplingOnly,
  type NewRun,
  type RunFigures,
  type RunPrompt,
  type RunSummary,
  runFigures,
} from '@tokenscope/core';
import { InvalidRunError } from '../errors/InvalidRunError.js';
import { toJson } from '../sql/json.js';
import { normalizeTags } from './normalizeTags.js';
import { defaultTitle, normalizeTitle, promptHeadline } from './normalizeTitle.js';
import { parseWith } from './parseWith.js';
import { newRunSchema } from './runSchema.js';
import { isPlainObject, tokensAreValid } from './tokensAreValid.js';

const PREVIEW_LENGTH = 200;

export interface PreparedRun {
  /** The run as validated (unknown keys dropped), title and tags normalised. */
  run: NewRun & { title: string; tags: string[] };
  summary: RunSummary;
  /** What the database aggregates (sentences, low-confidence facts, the gate's figures). */
  figures: RunFigures;
  promptPreview: string;
  answerPreview: string;
  /** The response as the `response` column stores it (`toJson`). */
  responseJson: string;
  /** Completion 0's whole text. */
  answerText: string;
  /** Every prompt message, for search. */
  promptSearch: string;
  /** A run made from samples only: `gateConsistency`'s verdict, which stands for the token gate's. */
  consistencyVerdict?: GateVerdict;
}

export function prepareRun(input: unknown): PreparedRun {
  const parsed = parseRun(input);
  if (parsed.endpoint !== undefined) checkEndpoint(parsed.endpoint);
  const title =
    parsed.title === undefined ? defaultTitle(parsed.prompt, parsed.fileName) : normalizeTitle(parsed.title);
  const tags = normalizeTags(parsed.tags ?? []);
  const answerText = parsed.response.completions[0]?.text ?? '';
  const figures = runFigures(parsed.response);
  const summary =
    parsed.consistency === undefined
      ? figures.summary
      : { ...figures.summary, agreement: parsed.consistency.agreement };
  return {
    run: { ...parsed, title, tags },
    summary,
    figures: { ...figures, summary },
    ...(parsed.consistency !== undefined &&
      isSamplingOnly(parsed) && { consistencyVerdict: gateConsistency(parsed.consistency).verdict }),
    promptPreview: preview(parsed.prompt === null ? '' : promptHeadline(parsed.prompt)),
    answerPreview: preview(answerText),
    responseJson: toJson(parsed.response),
    answerText,
    promptSearch: promptSearchText(parsed.prompt),
  };
}

/**
 * The run validated as `newRunSchema` does. Token lists that pass the fast check are left out of
 * zod's pass and put back as they are (the schema would return them unchanged); otherwise zod
 * checks everything and names the first wrong field.
 */
function parseRun(input: unknown): NewRun {
  const response = isPlainObject(input) ? input.response : undefined;
  const completions = isPlainObject(response) ? response.completions : undefined;
  const fast =
    Array.isArray(completions) &&
    completions.every(
      (c) =>
        isPlainObject(c) && tokensAreValid(c.tokens) && (c.prompt === undefined || tokensAreValid(c.prompt)),
    );
  if (!fast) return parseWith(newRunSchema, input, 'run') as NewRun;
  const lists = completions as Array<Record<string, unknown>>;
  const light = lists.map((c) => ({ ...c, tokens: [], ...(c.prompt === undefined ? {} : { prompt: [] }) }));
  const parsed = parseWith(
    newRunSchema,
    { ...(input as Record<string, unknown>), response: { ...(response as object), completions: light } },
    'run',
  ) as NewRun;
  for (const [i, completion] of parsed.response.completions.entries()) {
    const original = lists[i]!;
    completion.tokens = original.tokens as NewRun['response']['completions'][number]['tokens'];
    if (original.prompt !== undefined) completion.prompt = original.prompt as typeof completion.tokens;
  }
  return parsed;
}

export function promptSearchText(prompt: RunPrompt | null): string {
  if (prompt === null) return '';
  return prompt.kind === 'text' ? prompt.text : prompt.messages.map((m) => m.content).join('\n');
}

function preview(text: string): string {
  const chars = [...text];
  return chars.length <= PREVIEW_LENGTH ? text : chars.slice(0, PREVIEW_LENGTH).join('');
}

const KEY_PARAMS = /^(key|api[-_]?key|access[-_]?token|token|auth|authorization)$/i;

/** An endpoint is stored and shown: it must not carry a key (user:password@, ?key=...). */
function checkEndpoint(endpoint: string): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return; // not a URL (a label, a socket path): nothing that looks like a key to find
  }
  const withKey =
    url.username !== '' ||
    url.password !== '' ||
    [...url.searchParams.keys()].some((k) => KEY_PARAMS.test(k));
  if (withKey) {
    throw new InvalidRunError(
      'endpoint',
      'expected a base URL without credentials, got one with a user, password or key parameter (keys are never stored; pass the base URL only)',
    );
  }
}
