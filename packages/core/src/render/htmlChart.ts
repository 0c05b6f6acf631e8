import type { Analysis } from '../analysis/Analysis.js';
import { visibleWhitespace } from './escapeControls.js';
import { escapeHtml } from './escapeHtml.js';
import { formatProbability } from './formatProbability.js';

const GROUP = 26;
const BAR = 9;
const PLOT = 160;
const TOP = 10;
const LABELS = 64;
const HEIGHT = TOP + PLOT + LABELS;
const TICKS = [0, 0.25, 0.5, 0.75, 1];

/** A bar of height p (a non-zero p gets at least 1 px so it stays visible). */
function bar(cls: string, x: number, p: number): string {
  const h = p > 0 ? Math.max(1, PLOT * Math.min(1, p)) : 0;
  return `<rect class="${cls}" x="${x}" y="${(TOP + PLOT - h).toFixed(1)}" width="${BAR}" height="${h.toFixed(1)}"/>`;
}

/**
 * Per-token grouped bars of the top choice's and the second choice's probability (the seed's chart),
 * as inline SVG: a fixed y axis beside a horizontally scrolling plot, so 2,000 tokens stay readable.
 * A diamond marks the sampled token's probability where it was not the top choice. Each group has a
 * `<title>` and a `data-goto` so clicking it focuses the token.
 */
export function htmlChart(analysis: Analysis): string {
  const n = analysis.tokens.length;
  const width = Math.max(n * GROUP + 8, 120);
  const y = (p: number) => TOP + PLOT * (1 - Math.min(1, Math.max(0, p)));
  const axis = [`<svg width="46" height="${HEIGHT}" aria-hidden="true">`];
  for (const t of TICKS) {
    axis.push(`<text x="42" y="${y(t) + 4}" text-anchor="end">${t * 100}%</text>`);
  }
  axis.push('</svg>');
  const plot = [
    `<svg width="${width}" height="${HEIGHT}" role="img" aria-label="Top choice vs second choice probability for each of ${n} tokens">`,
  ];
  for (const t of TICKS) plot.push(`<line class="grid" x1="0" x2="${width}" y1="${y(t)}" y2="${y(t)}"/>`);
  for (const tok of analysis.tokens) {
    const x = 4 + tok.index * GROUP;
    const p1 = tok.top[0]?.prob ?? tok.prob ?? 0;
    const p2 = tok.top[1]?.prob ?? 0;
    const label = visibleWhitespace(tok.text);
    const short = [...label].length > 9 ? `${[...label].slice(0, 8).join('')}…` : label;
    const title = `#${tok.index} ${label}: top ${formatProbability(tok.top[0]?.prob ?? tok.prob, '< top-k')}, second ${formatProbability(tok.top[1]?.prob ?? null)}, sampled ${formatProbability(tok.prob, '< top-k')}`;
    plot.push(`<g class="bar" data-goto="${tok.index}"><title>${escapeHtml(title)}</title>`);
    plot.push(
      `<rect class="hit" x="${x - 2}" y="${TOP}" width="${GROUP - 2}" height="${PLOT}" fill="transparent"/>`,
    );
    plot.push(bar('b1', x, p1), bar('b2', x + BAR + 1, p2));
    if (tok.clues.includes('not-top')) {
      const py = y(tok.prob ?? 0);
      const cx = x + BAR;
      plot.push(`<path class="pick" d="M${cx} ${py - 5}L${cx + 5} ${py}L${cx} ${py + 5}L${cx - 5} ${py}Z"/>`);
    }
    const lx = x + BAR;
    const ly = TOP + PLOT + 8;
    plot.push(`<text x="${lx}" y="${ly}" transform="rotate(60 ${lx} ${ly})">${escapeHtml(short)}</text></g>`);
  }
  plot.push('</svg>');
  const legend =
    '<p class="legend"><span><span class="sw" style="background:var(--bar1)"></span>top choice</span>' +
    '<span><span class="sw" style="background:var(--bar2)"></span>second choice</span>' +
    '<span><span class="mk">◆</span> sampled token, where it was not the top choice</span></p>';
  return `${legend}<div class="chart">${axis.join('')}<div class="scroll">${plot.join('')}</div></div>`;
}
