import { describe, expect, it } from 'vitest';
import {
  type DatasetGroupStats,
  type DatasetSummary,
  DISCLAIMER,
  renderDatasetSummaryHtml,
  renderDatasetSummaryJson,
  renderDatasetSummaryText,
} from '../index.js';

const HOSTILE = '<script>alert("x")</script>';

/** Ten bins over [-2, 0] with `counts` answers (the store's shape with `bins: 10, histogramMin: -2`). */
function histogram(counts: number[]): DatasetGroupStats['histogram'] {
  return counts.map((count, i) => ({ from: -2 + i * 0.2, to: i === 9 ? 0 : -2 + (i + 1) * 0.2, count }));
}

function stats(extra: Partial<DatasetGroupStats> & { key: string | null }): DatasetGroupStats {
  return {
    answers: 0,
    tokens: 0,
    meanLogprob: null,
    percentiles: null,
    histogram: histogram([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    flaggedTokenRate: 0,
    flaggedAnswerRate: 0,
    verdicts: { publish: 0, review: 0 },
    reviewRate: 0,
    reviewSentences: 0,
    sentences: 0,
    lowConfidenceFacts: 0,
    reviewed: { answers: 0, rejected: 0, approved: 0 },
    firstAt: null,
    lastAt: null,
    ...extra,
  };
}

const GPT = stats({
  key: 'gpt-4o',
  answers: 1200,
  tokens: 45_678,
  meanLogprob: -0.31234,
  percentiles: { p10: -0.91, p25: -0.52, p50: -0.28, p75: -0.12, p90: -0.001 },
  histogram: histogram([0, 0, 0, 10, 40, 150, 300, 350, 250, 100]),
  flaggedTokenRate: 0.0421,
  flaggedAnswerRate: 0.25,
  verdicts: { publish: 1050, review: 150 },
  reviewRate: 0.125,
  reviewSentences: 180,
  sentences: 4800,
  lowConfidenceFacts: 77,
  reviewed: { answers: 30, rejected: 4, approved: 26 },
  firstAt: '2026-03-01T10:00:00.000Z',
  lastAt: '2026-03-04T18:12:30.000Z',
});

const EVIL = stats({
  key: HOSTILE,
  answers: 34,
  tokens: 1_002,
  meanLogprob: -1.8765,
  percentiles: { p10: -2.5, p25: -2.1, p50: -1.83, p75: -1.5, p90: -1.2 },
  histogram: histogram([12, 5, 6, 4, 7, 0, 0, 0, 0, 0]),
  flaggedTokenRate: 0.3,
  flaggedAnswerRate: 0.9,
  verdicts: { publish: 4, review: 30 },
  reviewRate: 30 / 34,
  reviewSentences: 60,
  sentences: 70,
  lowConfidenceFacts: 9,
  reviewed: { answers: 3, rejected: 3, approved: 0 },
  firstAt: '2026-03-02T08:00:00.000Z',
  lastAt: '2026-03-02T09:00:00.000Z',
});

const NO_VERSION = stats({ key: null, answers: 1, tokens: 0 });

const TOTAL = stats({
  key: 'all',
  answers: 1235,
  tokens: 46_680,
  meanLogprob: -0.3552,
  percentiles: { p10: -1.2, p25: -0.55, p50: -0.29, p75: -0.12, p90: -0.05 },
  histogram: histogram([12, 5, 6, 14, 47, 150, 300, 350, 250, 100]),
  flaggedTokenRate: 0.0505,
  flaggedAnswerRate: 0.2676,
  verdicts: { publish: 1055, review: 180 },
  reviewRate: 180 / 1235,
  reviewSentences: 240,
  sentences: 4871,
  lowConfidenceFacts: 86,
  reviewed: { answers: 33, rejected: 7, approved: 26 },
  firstAt: '2026-03-01T10:00:00.000Z',
  lastAt: '2026-03-04T18:12:30.000Z',
});

const SUMMARY: DatasetSummary = {
  query: { dataset: 'support-faq', since: '2026-03-01T00:00:00.000Z', groupBy: 'model' },
  thresholds: { publish: -0.4, review: -1.2 },
  thresholdsSource: 'dataset',
  total: TOTAL,
  groups: [GPT, EVIL, NO_VERSION],
  lowConfidenceFacts: [
    { runId: 'r_aaa111', kind: 'date', text: '1887', minProb: 0.0213 },
    { runId: 'r_bbb222', kind: 'name', text: HOSTILE, minProb: null },
    { runId: 'r_ccc333', kind: 'number', text: 'line\u001b[31m', minProb: 0.0004 },
  ],
  failedRows: 2,
};

const EMPTY: DatasetSummary = {
  query: { groupBy: 'none' },
  thresholds: { publish: -0.5, review: -1.5 },
  thresholdsSource: 'default',
  total: stats({ key: 'all' }),
  groups: [stats({ key: 'all' })],
  lowConfidenceFacts: [],
  failedRows: 0,
};

describe('renderDatasetSummaryText', () => {
  const text = renderDatasetSummaryText(SUMMARY);
  const lines = text.split('\n');

  it('heads with the dataset, the grouping, the filter and the thresholds with their source', () => {
    expect(lines[0]).toBe('Dataset summary: "support-faq", grouped by model');
    expect(lines[1]).toBe('filter: dataset "support-faq", since 2026-03-01T00:00:00.000Z');
    expect(lines[2]).toBe(
      "gate: publish above a mean logprob of -0.4, review below -1.2 (the dataset's saved thresholds)",
    );
  });

  it('totals: counts with separators, logprobs, percentiles and rates formatted', () => {
    expect(text).toContain('Totals: 1,235 answers, 46,680 tokens, 2026-03-01 10:00 – 2026-03-04 18:12 UTC');
    expect(text).toContain(
      'mean logprob -0.355  (p10 -1.200, p25 -0.550, p50 -0.290, p75 -0.120, p90 -0.050)',
    );
    expect(text).toContain('flagged tokens 5.1 %; answers with a low-confidence span 26.8 %');
    expect(text).toContain(
      'verdicts: 1,055 publish, 180 review (review rate 14.6 %); 240 of 4,871 sentences sent to review',
    );
    expect(text).toContain('low-confidence critical facts: 86');
    expect(text).toContain(
      'reviewed by people: 33 answers (7 with a rejected or edited sentence, 26 approved)',
    );
  });

  it('shows the groups side by side: the total, then each group, with every figure', () => {
    const header = lines.find((l) => l.includes('gpt-4o'))!;
    expect(header.trim().split(/\s{2,}/)).toEqual([
      'all',
      'gpt-4o',
      '<script>alert("x")</scr…',
      '(no model)',
    ]);
    const row = (label: string) =>
      lines
        .find((l) => l.startsWith(`${label}  `))!
        .slice(label.length)
        .trim();
    const cells = (label: string) => row(label).split(/\s{2,}/);
    expect(cells('answers')).toEqual(['1,235', '1,200', '34', '1']);
    expect(cells('tokens')).toEqual(['46,680', '45,678', '1,002', '0']);
    expect(cells('mean logprob')).toEqual(['-0.355', '-0.312', '-1.877', 'n/a']);
    expect(cells('p10')).toEqual(['-1.200', '-0.910', '-2.500', 'n/a']);
    expect(cells('p50')).toEqual(['-0.290', '-0.280', '-1.830', 'n/a']);
    // Near 0: two significant digits, never -0.000.
    expect(cells('p90')).toEqual(['-0.050', '-0.001', '-1.200', 'n/a']);
    expect(cells('flagged tokens')).toEqual(['5.1 %', '4.2 %', '30.0 %', '0 %']);
    expect(cells('flagged answers')).toEqual(['26.8 %', '25.0 %', '90.0 %', '0 %']);
    expect(cells('review rate')).toEqual(['14.6 %', '12.5 %', '88.2 %', '0 %']);
    expect(cells('sentences to review')).toEqual(['240', '180', '60', '0']);
    expect(cells('low-confidence facts')).toEqual(['86', '77', '9', '0']);
    expect(cells('reviewed (rejected/approved)')).toEqual(['7/26', '4/26', '3/0', '0/0']);
  });

  it('wraps the groups into blocks that fit the width', () => {
    const narrow = renderDatasetSummaryText(SUMMARY, { width: 60 }).split('\n');
    const answers = narrow.filter((l) => l.startsWith('answers  '));
    expect(
      answers.map((l) =>
        l
          .slice('answers'.length)
          .trim()
          .split(/\s{2,}/),
      ),
    ).toEqual([['1,235', '1,200'], ['34'], ['1']]);
    const table = narrow.slice(
      narrow.findIndex((l) => l.startsWith('By model')),
      narrow.findIndex((l) => l.startsWith('Mean logprob per')),
    );
    for (const line of table) expect(line.length).toBeLessThanOrEqual(60);
  });

  it("draws the total's histogram from the first to the last non-empty bin, bars scaled to the fullest", () => {
    const from = lines.findIndex((l) => l.startsWith('Mean logprob per answer'));
    expect(lines[from]).toBe('Mean logprob per answer (1,234 answers with tokens)');
    const bars = lines.slice(from + 1, from + 11);
    // 30 cells of eighths (240 steps) for the fullest bin (350 answers).
    const blocks = (count: number) => {
      const eighths = Math.round((count / 350) * 240);
      return `${'█'.repeat(Math.floor(eighths / 8))}${['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'][eighths % 8]}`;
    };
    expect(bars[0]).toBe(`        < -1.80 │${blocks(12).padEnd(30)} 12`);
    expect(bars[1]).toBe(`  -1.80 – -1.60 │${blocks(5).padEnd(30)} 5`);
    expect(bars[7]).toBe(`  -0.60 – -0.40 │${'█'.repeat(30)} 350`);
    expect(bars[9]).toBe(`      -0.20 – 0 │${blocks(100).padEnd(30)} 100`);
    expect(lines[from + 11]).toBe('');
  });

  it('lists the lowest-confidence facts with run ids, escaped, and the failed rows and the disclaimer', () => {
    expect(text).toContain('2.1 %  date    run r_aaa111  "1887"');
    expect(text).toContain('below top-k  name    run r_bbb222  "<script>alert(\\"x\\")</script>"');
    expect(text).toContain('< 0.1 %  number  run r_ccc333  "line\\e[31m"');
    expect(text).not.toContain('\u001b');
    expect(text).toContain('Failed batch rows: 2 (no run stored for them; not in these figures)');
    expect(text.trimEnd().split('\n').at(-1)).toBe(DISCLAIMER);
  });

  it('says when no run matches, still with the disclaimer; no failed rows line without a dataset', () => {
    const empty = renderDatasetSummaryText(EMPTY);
    expect(empty).toBe(
      [
        'Run history summary',
        'filter: none (the whole history)',
        "gate: publish above a mean logprob of -0.5, review below -1.5 (Tokenscope's defaults)",
        '',
        'No runs match this filter.',
        '',
        DISCLAIMER,
        '',
      ].join('\n'),
    );
  });
});

describe('renderDatasetSummaryHtml', () => {
  const html = renderDatasetSummaryHtml(SUMMARY);

  it('is one self-contained page without scripts, with light and dark themes', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/(src|href)=/);
    expect(html).toContain('prefers-color-scheme:dark');
    expect(html).toContain('<title>Dataset summary: support-faq</title>');
    expect(html).toContain(DISCLAIMER.replace("'", '&#39;'));
    expect(html).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('escapes hostile model names and fact texts', () => {
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(
      html.match(/&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/g)!.length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('shows the groups side by side and every figure formatted', () => {
    expect(html).toContain(
      '<tr><th>answers</th><td class="num">1,235</td><td class="num">1,200</td><td class="num">34</td><td class="num">1</td></tr>',
    );
    expect(html).toContain(
      '<tr><th>review rate</th><td class="num">14.6 %</td><td class="num">12.5 %</td><td class="num">88.2 %</td><td class="num">0 %</td></tr>',
    );
    expect(html).toContain('<b>-0.355</b><span>mean logprob</span>');
    expect(html).toContain('<b>-1.200 / -0.290 / -0.050</b><span>p10 / p50 / p90</span>');
    expect(html).toContain('<td class="num">below top-k</td><td>name</td>');
    expect(html).toContain('Failed batch rows: 2');
  });

  it('draws one SVG histogram per column, one bar per bin, the count in each bar title', () => {
    const svgs = html.match(/<svg [^>]*role="img"/g)!;
    expect(svgs).toHaveLength(4);
    expect(html.match(/<rect class="bar"/g)).toHaveLength(40);
    expect(html).toContain('<title>-0.60 – -0.40: 350 answers</title>');
    expect(html).toContain('<title>&lt; -1.80: 12 answers</title>');
    expect(html).toContain('<title>-0.20 – 0: 100 answers</title>');
  });

  it('says when no run matches', () => {
    const empty = renderDatasetSummaryHtml(EMPTY);
    expect(empty).toContain('<title>Run history summary</title>');
    expect(empty).toContain('<p>No runs match this filter.</p>');
    expect(empty).not.toContain('<svg');
  });
});

describe('renderDatasetSummaryJson', () => {
  it('is the summary with version, kind and the disclaimer; numbers unchanged', () => {
    const doc = JSON.parse(renderDatasetSummaryJson(SUMMARY));
    expect(Object.keys(doc).slice(0, 2)).toEqual(['version', 'kind']);
    expect(doc).toEqual({
      version: 1,
      kind: 'tokenscope-dataset-summary',
      ...SUMMARY,
      disclaimer: DISCLAIMER,
    });
    expect(doc.groups[1].key).toBe(HOSTILE);
    expect(doc.total.meanLogprob).toBe(-0.3552);
  });

  it('indents with pretty and ends with a newline', () => {
    const pretty = renderDatasetSummaryJson(EMPTY, { pretty: true });
    expect(pretty.startsWith('{\n  "version": 1,\n  "kind": "tokenscope-dataset-summary",')).toBe(true);
    expect(pretty.endsWith('}\n')).toBe(true);
    expect(renderDatasetSummaryJson(EMPTY).split('\n')).toHaveLength(2);
  });
});
