/**
 * A reliability diagram as a standalone SVG string: per bin, a bar up to the bin's accuracy and a
 * shaded box for the gap between accuracy and mean confidence (the bin's calibration error), the
 * diagonal of perfect calibration, and below it a histogram of how many answers each bin holds.
 * Text is escaped; the SVG has a <title> and an aria-label for screen readers.
 */
import { escapeHtml } from '../render/escapeHtml.js';
import type { CalibrationBin } from './summarizeBins.js';

export interface ReliabilityDiagramOptions {
  title?: string;
  /** Side of the square plot in px (default 300). */
  size?: number;
}

const LEFT = 56;
const TOP = 36;
const HIST = 70;
const GAP = 28;

function f(x: number): string {
  return String(Math.round(x * 10) / 10);
}

export function reliabilityDiagramSvg(
  bins: readonly CalibrationBin[],
  options: ReliabilityDiagramOptions = {},
): string {
  const size = options.size ?? 300;
  const title = options.title ?? 'Reliability diagram';
  const width = LEFT + size + 24;
  const height = TOP + size + GAP + HIST + 44;
  const x = (p: number) => LEFT + p * size;
  const y = (p: number) => TOP + size - p * size;
  const histBase = TOP + size + GAP + HIST;
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)}" font-family="system-ui, sans-serif" font-size="11">`,
    `<title>${escapeHtml(title)}</title>`,
    `<text x="${LEFT}" y="18" font-size="13" font-weight="600">${escapeHtml(title)}</text>`,
    `<rect x="${LEFT}" y="${TOP}" width="${size}" height="${size}" fill="#fafafa" stroke="#999"/>`,
  );
  for (let t = 0; t <= 5; t++) {
    const p = t / 5;
    const label = p.toFixed(1);
    parts.push(
      `<line x1="${f(x(p))}" y1="${TOP + size}" x2="${f(x(p))}" y2="${TOP + size + 4}" stroke="#999"/>`,
      `<text x="${f(x(p))}" y="${TOP + size + 15}" text-anchor="middle">${label}</text>`,
      `<line x1="${LEFT - 4}" y1="${f(y(p))}" x2="${LEFT}" y2="${f(y(p))}" stroke="#999"/>`,
      `<text x="${LEFT - 7}" y="${f(y(p) + 4)}" text-anchor="end">${label}</text>`,
    );
  }
  for (const bin of bins) {
    if (bin.count === 0 || bin.accuracy === null || bin.meanConfidence === null) continue;
    const x0 = x(bin.lo);
    const w = Math.max(3, x(bin.hi) - x0 - 1);
    const label = `${bin.lo.toFixed(2)}–${bin.hi.toFixed(2)}: accuracy ${(bin.accuracy * 100).toFixed(1)} %, mean confidence ${(bin.meanConfidence * 100).toFixed(1)} %, ${formatCount(bin.count)} answers`;
    parts.push(
      `<rect class="bar" x="${f(x0)}" y="${f(y(bin.accuracy))}" width="${f(w)}" height="${f(bin.accuracy * size)}" fill="#3b73b9"><title>${escapeHtml(label)}</title></rect>`,
    );
    const top = Math.max(bin.accuracy, bin.meanConfidence);
    const gap = Math.abs(bin.accuracy - bin.meanConfidence);
    if (gap > 0) {
      parts.push(
        `<rect class="gap" x="${f(x0)}" y="${f(y(top))}" width="${f(w)}" height="${f(gap * size)}" fill="#d9534f" fill-opacity="0.35" stroke="#d9534f"/>`,
      );
    }
    const h = (bin.count / maxCount) * HIST;
    parts.push(
      `<rect class="count" x="${f(x0)}" y="${f(histBase - h)}" width="${f(w)}" height="${f(h)}" fill="#888"><title>${escapeHtml(`${formatCount(bin.count)} answers`)}</title></rect>`,
    );
  }
  parts.push(
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#333" stroke-dasharray="4 3"/>`,
    `<text x="${LEFT + size / 2}" y="${TOP + size + 26}" text-anchor="middle">confidence</text>`,
    `<text transform="translate(14 ${TOP + size / 2}) rotate(-90)" text-anchor="middle">accuracy</text>`,
    `<line x1="${LEFT}" y1="${histBase}" x2="${LEFT + size}" y2="${histBase}" stroke="#999"/>`,
    `<text x="${LEFT - 7}" y="${histBase - HIST + 8}" text-anchor="end">${formatCount(maxCount)}</text>`,
    `<text x="${LEFT + size / 2}" y="${histBase + 14}" text-anchor="middle">answers per bin</text>`,
    `<g transform="translate(${LEFT} ${histBase + 30})"><rect width="10" height="10" fill="#3b73b9"/><text x="14" y="9">accuracy</text><rect x="80" width="10" height="10" fill="#d9534f" fill-opacity="0.35" stroke="#d9534f"/><text x="94" y="9">gap to the diagonal</text><line x1="210" y1="5" x2="230" y2="5" stroke="#333" stroke-dasharray="4 3"/><text x="234" y="9">perfect</text></g>`,
    '</svg>',
  );
  return parts.join('\n');
}

function formatCount(count: number): string {
  return Number.isInteger(count) ? String(count) : count.toFixed(1);
}
