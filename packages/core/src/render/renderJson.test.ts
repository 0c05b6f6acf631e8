import '../names.js'; // names among the critical facts, as the CLI, server and web app find them
import { describe, expect, it } from 'vitest';
import { MIXED, makeAnalysis, SEED_003 } from './__testutil__/makeAnalysis.js';
import { renderJson } from './renderJson.js';
import { type JsonReport, toJsonReport } from './toJsonReport.js';

function numbers(value: unknown, out: unknown[] = []): unknown[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) for (const v of value) numbers(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) numbers(v, out);
  return out;
}

describe('renderJson', () => {
  it('round-trips through JSON.parse with the documented fields', () => {
    const report = JSON.parse(renderJson(makeAnalysis(SEED_003), { pretty: true })) as JsonReport;
    expect(report.version).toBe(1);
    expect(report.text).toBe('Andrzej Duda');
    expect(Object.keys(report)).toEqual([
      'version',
      'generator',
      'disclaimer',
      'text',
      'source',
      'ending',
      'thresholds',
      'summary',
      'tokens',
      'words',
      'sentences',
      'spans',
      'facts',
      'constraint',
      'warnings',
    ]);
    expect(report.constraint).toBeNull();
    expect(report.warnings).toEqual([]);
    const d = report.tokens[2]!;
    expect(d).toMatchObject({
      index: 2,
      text: ' D',
      bytes: [32, 68],
      offset: 7,
      logprob: -0.004,
      rank: 1,
      band: 'green',
      clues: [],
    });
    expect(d.prob).toBeCloseTo(0.996008, 5);
    expect(d.margin).toBeCloseTo(Math.exp(-0.004) - Math.exp(-6.2), 9);
    expect(d.top).toEqual([
      { text: ' D', logprob: -0.004, prob: Math.exp(-0.004), bytes: [32, 68], id: null },
      { text: ' Du', logprob: -6.2, prob: Math.exp(-6.2), bytes: [32, 68, 117], id: null },
    ]);
    expect(report.summary).toMatchObject({ tokens: 4, scoredTokens: 4, minProbIndex: 2, flaggedTokens: 0 });
    expect(report.summary.sumLogprob).toBeCloseTo(-0.005445, 9);
    expect(report.source).toEqual({
      format: 'openai-chat',
      model: 'gpt-4o-2024-08-06',
      id: 'chatcmpl-123',
      index: 0,
      distribution: 'unknown',
      topK: 2,
      finishReason: 'stop',
    });
    expect(report.thresholds.bands.green).toBe(0.9);
    expect(report.facts[0]).toMatchObject({ kind: 'person', text: 'Andrzej Duda' });
  });

  it('has only finite numbers or null, with sentinels as null', () => {
    const report = toJsonReport(makeAnalysis(MIXED));
    for (const n of numbers(JSON.parse(JSON.stringify(report)))) expect(Number.isFinite(n)).toBe(true);
    expect(report.tokens[7]).toMatchObject({
      logprob: null,
      prob: null,
      surprisal: null,
      rank: null,
      inTopK: false,
    });
    expect(report.spans[1]).toMatchObject({ text: '.', minProb: null, meanLogprob: null, weakest: 7 });
  });

  it('turns non-finite values into null instead of breaking JSON', () => {
    const a = makeAnalysis(SEED_003);
    a.summary.perplexity = Number.POSITIVE_INFINITY;
    a.tokens[0]!.entropy = Number.NaN;
    const report = JSON.parse(renderJson(a));
    expect(report.summary.perplexity).toBeNull();
    expect(report.tokens[0].entropy).toBeNull();
    expect(renderJson(a)).not.toContain('\n  ');
  });
});
