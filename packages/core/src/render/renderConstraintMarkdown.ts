import type { ConstraintAnalysis } from '../constraint/ConstraintAnalysis.js';
import {
  CONSTRAINT_COLUMNS,
  CONSTRAINT_TITLE,
  constraintCells,
  constraintHeadline,
  constraintSummaryItems,
  forbiddenAlternatives,
} from './describeConstraint.js';
import { visibleWhitespace } from './escapeControls.js';
import { escapeInline, escapeTableCell } from './escapeMarkdown.js';
import { formatProbability } from './formatProbability.js';

/** Forbidden alternatives listed per row, at most. */
const FORBIDDEN_MAX = 5;

const code = (text: string) => escapeTableCell(visibleWhitespace(text));

/** The Markdown section of a constrained answer: headline, a table per token, then a summary. */
export function renderConstraintMarkdown(c: ConstraintAnalysis): string {
  const out = [
    '## Constraint',
    '',
    `${escapeInline(constraintHeadline(c))}`,
    '',
    `${CONSTRAINT_TITLE}:`,
    '',
    `| ${CONSTRAINT_COLUMNS.join(' | ')} |`,
    '|---:|---|---:|---:|---:|---|',
  ];
  for (const t of c.tokens) {
    const [allowed, raw, removed] = constraintCells(t);
    const forbidden = forbiddenAlternatives(t, FORBIDDEN_MAX)
      .map((a) => `${code(a.text)} ${formatProbability(a.prob, '< top-k')}`)
      .join(', ');
    out.push(`| ${t.index} | ${code(t.text)} | ${allowed} | ${raw} | ${removed} | ${forbidden || 'none'} |`);
  }
  out.push('', ...constraintSummaryItems(c, code).map((item) => `- ${item}`), '');
  return out.join('\n');
}
