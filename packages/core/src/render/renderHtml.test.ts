import { describe, expect, it } from 'vitest';
import { MIXED, makeAnalysis, SEED_003 } from './__testutil__/makeAnalysis.js';
import { renderHtml } from './renderHtml.js';

const HOSTILE = [
  {
    text: '<img src=x onerror=alert(1)>',
    logprob: Math.log(0.5),
    top: [
      ['<img src=x onerror=alert(1)>', Math.log(0.5)],
      ['</script><b>', Math.log(0.3)],
    ] as Array<[string, number]>,
  },
  {
    text: '</script>',
    logprob: Math.log(0.05),
    top: [
      ['"\'&', Math.log(0.6)],
      ['</script>', Math.log(0.05)],
    ] as Array<[string, number]>,
  },
  { text: '"\'&', logprob: -0.01 },
];

function dataOf(html: string): Array<{ t: string; alts: unknown[][]; stats: string }> {
  const m = /<script type="application\/json" id="ts-data">([\s\S]*?)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]!);
}

describe('renderHtml', () => {
  it('escapes every piece of model text', () => {
    const a = makeAnalysis(HOSTILE);
    a.source.model = '<b>model</b>';
    const html = renderHtml(a, { title: '<title>&' });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>model');
    expect(html).not.toContain('"\'&');
    expect(html.match(/<\/script>/g)).toHaveLength(2); // the data element's and the script's own
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;/script&gt;');
    expect(html).toContain('&quot;&#39;&amp;');
    expect(html).toContain('<title>&lt;title&gt;&amp;</title>');
    expect(html).toContain('&lt;b&gt;model&lt;/b&gt;');
  });

  it('embeds tooltip data as JSON that </script> cannot close', () => {
    const html = renderHtml(makeAnalysis(HOSTILE));
    const block = /id="ts-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(block).not.toContain('<');
    expect(block).toContain('\\u003c/script\\u003e');
    const data = dataOf(html);
    expect(data[1]!.t).toBe('</script>');
    expect(data[0]!.alts[1]![0]).toBe('</script><b>');
  });

  it('is self-contained: no external assets, fonts or CDNs', () => {
    const html = renderHtml(makeAnalysis(SEED_003));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<link|src=|@import|url\(|https?:\/\//);
    expect(html).toContain('prefers-color-scheme:dark');
  });

  it('colours tokens by band, marks clues with glyphs and aria-labels, and makes tokens focusable', () => {
    const html = renderHtml(makeAnalysis(MIXED));
    expect(html).toContain('<span class="t b-green" id="t0" data-i="0" tabindex="0">The</span>');
    expect(html).toContain('class="t b-lime" id="t1"');
    expect(html).toContain('class="t b-orange c-amb f" id="t3"');
    expect(html).toContain(
      '<span class="t b-red c-low c-top f" id="t6" data-i="6" tabindex="0"> mat<span class="mk" role="img" aria-label="low confidence">↓</span><span class="mk" role="img" aria-label="not the top choice">↯</span></span>',
    );
    expect(html).toContain('<span class="lcs" id="span1">');
    expect(html).toContain('<span class="t b-green" id="t4" data-i="4" tabindex="0">\n</span>');
  });

  it('has a legend that states the thresholds used, and the disclaimer once', () => {
    const html = renderHtml(makeAnalysis(MIXED));
    expect(html).toContain('<span class="sw b-green">green</span>p &gt; 90 %');
    expect(html).toContain('<span class="sw b-lime">lime</span>70 % &lt; p ≤ 90 %');
    expect(html).toContain('low confidence (p &lt; 10 %)');
    expect(html.match(/Logprobs measure the model&#39;s confidence, not truth\./g)).toHaveLength(1);
  });

  it('styles every legend sample the way the page marks tokens (each clue class has a rule)', () => {
    const html = renderHtml(makeAnalysis(MIXED));
    const samples = [...html.matchAll(/<span class="t (c-[a-z]+)">abc<\/span>/g)].map((m) => m[1]);
    expect(samples).toEqual(['c-low', 'c-amb', 'c-top']);
    const css = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));
    for (const c of samples)
      expect(css).toMatch(new RegExp(`\\.${c}\\{[^}]*(text-decoration|border-bottom)`));
  });

  it('gives each token tooltip data: alternatives with visible whitespace, prob, logprob, bytes, mass', () => {
    const data = dataOf(renderHtml(makeAnalysis(SEED_003)));
    expect(data[2]!.t).toBe('␣D');
    expect(data[2]!.stats).toContain('p 99.6 % · logprob -0.004 · rank 1 of 2 · margin 0.994');
    expect(data[2]!.alts).toEqual([
      ['␣D', '99.6 %', '-0.004', '20 44', 1],
      ['␣Du', '0.2 %', '-6.20', '20 44 75', 0],
    ]);
    const mixed = dataOf(renderHtml(makeAnalysis(MIXED)));
    expect(mixed[7]!.stats).toContain('p below the top-k · logprob n/a · not in the top-1');
    expect(mixed[6]!.alts.at(-1)).toEqual([
      '␣mat (sampled, not in the top-2)',
      '5.0 %',
      '-3.00',
      '20 6d 61 74',
      1,
    ]);
  });

  it('has the keyboard navigation and tooltip-below script', () => {
    const html = renderHtml(makeAnalysis(MIXED));
    expect(html).toContain("e.key!=='n'&&e.key!=='p'");
    expect(html).toContain('last.bottom');
    expect(html).toContain('textContent');
    expect(html).not.toContain('innerHTML');
  });

  it('draws the top-vs-second chart as inline SVG, one group per token', () => {
    const html = renderHtml(makeAnalysis(SEED_003));
    expect(html.match(/<g class="bar" data-goto="\d+">/g)).toHaveLength(4);
    expect(html).toContain('<title>#2 ␣D: top 99.6 %, second 0.2 %, sampled 99.6 %</title>');
    const big = renderHtml(
      makeAnalysis(Array.from({ length: 2000 }, (_, i) => ({ text: ` w${i}`, logprob: -0.1 }))),
    );
    expect(big).toContain('<svg width="52008"');
    expect(big.length).toBeLessThan(3_000_000);
  });

  it('shows the summary, spans, facts and sentences', () => {
    const html = renderHtml(makeAnalysis(MIXED));
    expect(html).toContain('<b>2.491</b><span>perplexity</span>');
    expect(html).toContain('␣rug</span> 60.0 %');
    expect(html).toContain('<h2>Sentences</h2>');
    expect(html).not.toMatch(/NaN|undefined/);
  });
});
