import stringWidth from 'string-width';
import type { ConstraintAnalysis } from '../constraint/ConstraintAnalysis.js';
import {
  CONSTRAINT_COLUMNS,
  CONSTRAINT_TITLE,
  constraintCells,
  constraintHeadline,
  constraintSummaryItems,
  forbiddenAlternatives,
} from './describeConstraint.js';
import { quoteText } from './escapeControls.js';
import { formatProbability } from './formatProbability.js';
import { styled } from './wrapPieces.js';

/** Longest token text shown in the table (quoted), in columns. */
const TOKEN_COLUMN_MAX = 16;
/** Forbidden alternatives listed per row, at most. */
const FORBIDDEN_MAX = 3;

function pad(text: string, width: number, right = false): string {
  const gap = ' '.repeat(Math.max(0, width - stringWidth(text)));
  return right ? gap + text : text + gap;
}

function clip(text: string, width: number): string {
  if (width <= 0 || stringWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (stringWidth(`${out}${ch}…`) > width) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * The terminal section of a constrained answer: a table with one row per token (chosen token, its
 * probability among the allowed tokens, its raw probability, the mass the constraint removed, and
 * the raw alternatives that were forbidden), then a summary. Token text is quoted, controls escaped.
 */
export function renderConstraintAnsi(
  c: ConstraintAnalysis,
  options: { color?: boolean; width?: number } = {},
): string {
  const color = options.color ?? true;
  const width = options.width ?? 80;
  const bold = (text: string) => (color ? styled(text, '1') : text);
  const rows = c.tokens.map((t) => {
    const [allowed, raw, removed] = constraintCells(t);
    const forbidden = forbiddenAlternatives(t, FORBIDDEN_MAX)
      .map((a) => `${quoteText(a.text)} ${formatProbability(a.prob, '< top-k')}`)
      .join(', ');
    return [String(t.index), clip(quoteText(t.text), TOKEN_COLUMN_MAX), allowed, raw, removed, forbidden];
  });
  const widths = CONSTRAINT_COLUMNS.slice(0, 5).map((h, i) =>
    Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i]!))),
  );
  const line = (cells: string[], head: boolean) => {
    const fixed = cells
      .slice(0, 5)
      .map((cell, i) => pad(cell, widths[i]!, i !== 1))
      .join('  ');
    const rest = width === 0 ? cells[5]! : clip(cells[5]!, width - stringWidth(fixed) - 4);
    const text = `  ${fixed}  ${rest}`.trimEnd();
    return head ? bold(text) : text;
  };
  const out = [
    bold(`Constraint: ${constraintHeadline(c)}`),
    `${CONSTRAINT_TITLE}:`,
    line(CONSTRAINT_COLUMNS, true),
    ...rows.map((r) => line(r, false)),
    '',
    ...constraintSummaryItems(c, quoteText).map((item) => `  · ${item}`),
  ];
  return `${out.join('\n')}\n`;
}
