import { type CalibrationBin, type ReviewThreshold, reliabilityDiagramSvg } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { budgetSentence, svgDataUrl } from './calibrationText';

const review = (extra: Partial<ReviewThreshold>): ReviewThreshold => ({
  target: 0.12,
  threshold: 0.6312,
  flagged: 35,
  flaggedShare: 35 / 300,
  errors: 50,
  errorsCaught: 27,
  recall: 27 / 50,
  precision: 27 / 35,
  ...extra,
});

describe('budgetSentence', () => {
  it('answers a budget: share flagged, threshold, share of errors caught', () => {
    expect(budgetSentence(review({}), 'budget')).toBe(
      'Flag 11.7 % of answers (confidence ≤ 0.63): catches 54 % of errors (27 of 50), within a budget of 12 %.',
    );
  });
  it('answers a catch target with how many answers it takes', () => {
    expect(
      budgetSentence(review({ target: 0.8, flaggedShare: 0.35, recall: 0.82, errorsCaught: 41 }), 'catch'),
    ).toBe(
      'To catch 80 % of errors, flag 35 % of answers (confidence ≤ 0.63): catches 82 % of errors (41 of 50).',
    );
  });
  it('says when nothing can be flagged or nothing was wrong', () => {
    expect(budgetSentence(review({ threshold: null, flagged: 0 }), 'budget')).toMatch(
      /^No answer can be flagged within a budget of 12 %/,
    );
    expect(budgetSentence(review({ errors: 0, recall: null }), 'budget')).toMatch(/^No answer was wrong/);
  });
});

describe('svgDataUrl and the reliability diagram', () => {
  it('encodes the whole SVG, and core escapes text put into it', () => {
    const bins: CalibrationBin[] = [{ lo: 0, hi: 1, count: 3, meanConfidence: 0.8, accuracy: 0.5 }];
    const svg = reliabilityDiagramSvg(bins, { title: 'evil <script>alert(1)</script> & "q"' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;');
    const url = svgDataUrl(svg);
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,%3Csvg')).toBe(true);
    expect(url).not.toMatch(/[<>"#\s]/);
    expect(decodeURIComponent(url.slice(url.indexOf(',') + 1))).toBe(svg);
  });
});
