import { readFileSync } from 'node:fs';
import { analyze, DEFAULT_THRESHOLDS, parseResponse } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { FALLBACK_COLORS } from './chartColors.js';
import {
  axisLabel,
  chartData,
  chartLayout,
  chartOption,
  chartTooltipHtml,
  NARROW_CHART_PX,
} from './chartOption.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../core/src/formats/__fixtures__/${name}`, import.meta.url), 'utf8');

const attack = JSON.stringify({
  object: 'chat.completion',
  model: 'm',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: '<img src=x onerror=alert(1)></script>' },
      logprobs: {
        content: [
          {
            token: '<img src=x onerror=alert(1)>',
            logprob: -0.1,
            top_logprobs: [
              { token: '<img src=x onerror=alert(1)>', logprob: -0.1 },
              { token: '<b>', logprob: -2.5 },
            ],
          },
          { token: '</script>', logprob: -3, top_logprobs: [{ token: 'x', logprob: -0.2 }] },
        ],
      },
      finish_reason: 'stop',
    },
  ],
});

describe('chart data', () => {
  it('plots top, second and chosen probabilities in percent, with the sampled-not-top marks and bands', () => {
    const a = analyze(parseResponse(fixture('openai-chat.seed003.recorded.json')));
    const d = chartData(a.tokens);
    expect(d.labels).toEqual(['And', 'rzej', '␣D', 'uda']);
    expect(d.top[0]).toBeCloseTo(100, 1);
    expect(d.second[0]).toBeLessThan(0.01);
    expect(d.chosen).toHaveLength(4);
    expect(d.sampled).toEqual([]);
    expect(d.bands.green.map(([i]) => i)).toEqual([0, 1, 2, 3]);
  });

  it('marks tokens below the top-k and not-top tokens', () => {
    const a = analyze(parseResponse(attack));
    const d = chartData(a.tokens);
    expect(d.sampled).toEqual([[1, d.chosen[1]]]);
    expect(d.second[1]).toBeNull();
    expect(d.bands.red.map(([i]) => i)).toEqual([1]);
  });

  it('shortens labels and escapes token text in the (HTML) chart tooltip', () => {
    expect(axisLabel(' a very long token')).toBe('␣a␣very…');
    const a = analyze(parseResponse(attack));
    const html = chartTooltipHtml(a.tokens[0]!);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img');
    expect(chartTooltipHtml(a.tokens[1]!)).not.toContain('</script>');
  });

  it('builds one option with both charts on one zoom', () => {
    const a = analyze(parseResponse(fixture('openai-chat.tokenscope-serve-stories260k.recorded.json')), {
      thresholds: DEFAULT_THRESHOLDS,
    });
    const o = chartOption(a, chartData(a.tokens), FALLBACK_COLORS, { start: 0, end: 5 });
    expect(o.dataZoom[0]).toMatchObject({ startValue: 0, endValue: 5, xAxisIndex: [0, 1] });
    expect(o.series.map((s) => s.id)).toEqual([
      'top',
      'second',
      'sampled',
      'chosen',
      'band-green',
      'band-lime',
      'band-yellow',
      'band-orange',
      'band-red',
    ]);
    expect(o.legend).toMatchObject({ top: 0, right: 8 });
    expect(o.tooltip.formatter([{ dataIndex: 2 }])).toContain('#2');
    expect(o.tooltip.formatter([{ dataIndex: 999 }])).toBe('');
  });

  it('puts the legend under the first title on a narrow chart, and the first grid below the legend', () => {
    const a = analyze(parseResponse(fixture('openai-chat.tokenscope-serve-stories260k.recorded.json')), {
      thresholds: DEFAULT_THRESHOLDS,
    });
    const wide = chartLayout(NARROW_CHART_PX);
    expect(wide.legend).toMatchObject({ top: 0, right: 8 });
    const narrow = chartOption(a, chartData(a.tokens), FALLBACK_COLORS, { start: 0, end: 5 }, 358);
    // Title: 13 px text at top 0; the legend starts below it, the grid below the legend.
    expect(narrow.legend).toMatchObject({ top: 22, left: 8 });
    expect(narrow.legend.top).toBeGreaterThanOrEqual(18);
    expect(narrow.grid[0]!.top).toBeGreaterThanOrEqual(narrow.legend.top + 24);
    expect(narrow.legend.textStyle.color).toBe(FALLBACK_COLORS.muted);
  });
});
