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
import { escapeHtml } from './escapeHtml.js';
import { formatProbability } from './formatProbability.js';

const e = escapeHtml;
/** Forbidden alternatives listed per row, at most. */
const FORBIDDEN_MAX = 5;

/**
 * The HTML section of a constrained answer (a fragment for `renderHtml`'s page): headline, a table
 * with one row per token (links jump to the token in the X-ray), then a summary list. All text escaped.
 */
export function renderConstraintHtml(c: ConstraintAnalysis): string {
  const mono = (text: string) => `<span class="mono">${e(visibleWhitespace(text))}</span>`;
  const head = CONSTRAINT_COLUMNS.map((h, i) =>
    i === 1 || i === 5 ? `<th>${e(h)}</th>` : `<th class="num">${e(h)}</th>`,
  ).join('');
  const rows = c.tokens.map((t) => {
    const [allowed, raw, removed] = constraintCells(t);
    const forbidden = forbiddenAlternatives(t, FORBIDDEN_MAX)
      .map((a) => `${mono(a.text)} ${e(formatProbability(a.prob, '< top-k'))}`)
      .join(', ');
    return (
      `<tr><td class="num">${t.index}</td>` +
      `<td><a href="#t${t.index}" data-goto="${t.index}" class="mono">${e(visibleWhitespace(t.text))}</a></td>` +
      `<td class="num">${e(allowed)}</td><td class="num">${e(raw)}</td><td class="num">${e(removed)}</td>` +
      `<td>${forbidden || 'none'}</td></tr>`
    );
  });
  const items = constraintSummaryItems(c, (s) => `"${visibleWhitespace(s)}"`)
    .map((item) => `<li>${e(item)}</li>`)
    .join('');
  return [
    '<section aria-label="Constraint" class="constraint">',
    `<h2>Constraint</h2><p class="meta">${e(constraintHeadline(c))}</p>`,
    `<p>${e(CONSTRAINT_TITLE)}:</p>`,
    `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`,
    `<ul>${items}</ul>`,
    '</section>',
  ].join('\n');
}
