/**
 * The consistency view in a report format: core's renderers (`renderConsistencyText`, `...Html`,
 * `...Markdown`, `toJsonConsistency`), alone (`--confidence consistency`, or the fallback) or after
 * the token X-ray with a one-line comparison (`--confidence both`).
 */
import {
  type Analysis,
  type ConsistencyAnalysis,
  compareSignals,
  consistencySection,
  gateConsistency,
  renderConsistencyHtml,
  renderConsistencyMarkdown,
  renderConsistencyText,
  renderHtml,
  renderJson,
  toJsonConsistency,
} from '@tokenscope/core';
import { type ReportFormat, type ReportOptions, renderReport } from '../commands/renderReport.js';

/** Why logprobs gave way to sampling, when they did (the endpoint refused or ignored them). */
export interface Fallback {
  reason: string;
}

const withNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

/** The JSON of a consistency result: its gate, the fallback (if any), the analysis with its label. */
function consistencyJson(consistency: ConsistencyAnalysis, fallback: Fallback | undefined) {
  const gated = gateConsistency(consistency);
  return {
    ...(fallback && { fallback: fallback.reason }),
    gate: { verdict: gated.verdict, reason: gated.reason, publish: gated.publish },
    ...toJsonConsistency(consistency),
  };
}

/** `--confidence consistency` (or the fallback): the sampling-based view alone. */
export function renderConsistency(
  consistency: ConsistencyAnalysis,
  format: ReportFormat,
  options: ReportOptions & { model?: string; fallback?: Fallback },
): string {
  switch (format) {
    case 'ansi':
      return withNewline(renderConsistencyText(consistency, { color: options.color, width: options.width }));
    case 'html':
      return withNewline(
        renderConsistencyHtml(consistency, {
          title: options.title,
          ...(options.model === undefined ? {} : { model: options.model }),
        }),
      );
    case 'md':
      return withNewline(renderConsistencyMarkdown(consistency));
    case 'json':
      return `${JSON.stringify(
        { confidence: 'consistency', ...consistencyJson(consistency, options.fallback) },
        null,
        options.pretty ? 2 : undefined,
      )}\n`;
  }
}

/** `--confidence both`: the token X-ray, then the consistency view, then the one-line comparison. */
export function renderBoth(
  analysis: Analysis,
  consistency: ConsistencyAnalysis,
  format: ReportFormat,
  options: ReportOptions,
): string {
  const comparison = compareSignals(analysis, consistency);
  switch (format) {
    case 'ansi':
      return `${renderReport(analysis, 'ansi', options)}\n${renderConsistency(consistency, 'ansi', options)}\n${comparison.line}\n`;
    case 'md':
      return `${renderReport(analysis, 'md', options)}\n${renderConsistency(consistency, 'md', options)}\n**${comparison.line}**\n`;
    case 'html': {
      const section = consistencySection(consistency);
      const line = comparison.line.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
      return withNewline(
        renderHtml(analysis, {
          title: options.title,
          sections: [section, { html: `<p class="label comparison">${line}</p>` }],
        }),
      );
    }
    case 'json': {
      const { line, ...figures } = comparison;
      return `${JSON.stringify(
        {
          confidence: 'both',
          logprobs: JSON.parse(renderJson(analysis)),
          consistency: consistencyJson(consistency, undefined),
          comparison: { ...figures, line },
        },
        null,
        options.pretty ? 2 : undefined,
      )}\n`;
    }
  }
}
