import { describe, expect, it } from 'vitest';
import {
  type CalibrationSample,
  calibrate,
  reliabilityDiagramSvg,
  renderCalibrationHtml,
  renderCalibrationMarkdown,
  renderCalibrationText,
} from '../index.js';

const rows: CalibrationSample[] = Array.from({ length: 50 }, (_, i) => ({
  confidence: ((i * 37) % 50) / 50 + 0.01,
  correct: i % 4 !== 0,
}));
const report = calibrate(rows, { bootstrap: 20, budget: 0.1, catch: 0.5 });

describe('reliabilityDiagramSvg', () => {
  it('draws one accuracy bar, one gap box and one count bar per non-empty bin', () => {
    const bins = report.metrics.equalWidth.bins;
    const svg = reliabilityDiagramSvg(bins, { title: 'Diagram' });
    const filled = bins.filter((b) => b.count > 0).length;
    const gaps = bins.filter((b) => b.count > 0 && b.accuracy !== b.meanConfidence).length;
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" [^>]*role="img" aria-label="Diagram"/,
    );
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/class="bar"/g)).toHaveLength(filled);
    expect(svg.match(/class="gap"/g)).toHaveLength(gaps);
    expect(svg.match(/class="count"/g)).toHaveLength(filled);
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('escapes the title', () => {
    const svg = reliabilityDiagramSvg([], { title: '<script>alert("x")</script> & co' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
  });
});

describe('calibration reports', () => {
  it('html: escaped title, five diagrams, the notes', () => {
    const html = renderCalibrationHtml(report, { title: 'a <b> "c"' });
    expect(html).toContain('<title>a &lt;b&gt; &quot;c&quot;</title>');
    expect(html.match(/<svg /g)).toHaveLength(5);
    expect(html).toContain('Flag at most 10.0 % of answers');
    expect(html).toMatch(/<ul class="notes"><li>in-sample/);
    expect(html).not.toMatch(/NaN|undefined/);
  });

  it('text: no escape codes without colour; bold headings with it', () => {
    const plain = renderCalibrationText(report);
    expect(plain).not.toContain('\u001b');
    expect(plain).toContain('Reliability (raw, equal-width bins)');
    expect(plain).toMatch(/ECE, 10 equal-width bins +\d\.\d{3}/);
    expect(renderCalibrationText(report, { color: true })).toContain('\u001b[1mCalibration of 50 answers');
  });

  it('markdown: the metric table has a column per map', () => {
    const md = renderCalibrationMarkdown(report);
    expect(md).toContain('| metric | raw | Platt | isotonic | temperature |');
    expect(md).toContain('|---|---:|---:|---:|---:|');
    expect(md).toContain('## Review');
  });
});
