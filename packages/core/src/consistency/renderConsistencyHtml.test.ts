import { describe, expect, it } from 'vitest';
import { makeAnalysis, SEED_003 } from '../render/__testutil__/makeAnalysis.js';
import { renderHtml } from '../render/renderHtml.js';
import { eiffelAnalysis, parisAnalysis } from './__testutil__/consistencyExamples.js';
import { analyzeConsistency } from './analyzeConsistency.js';
import { CONSISTENCY_DISCLAIMER } from './consistencyLabel.js';
import { consistencySection, renderConsistencyHtml } from './renderConsistencyHtml.js';

interface Tip {
  what: string;
  text: string;
  support: string;
  versions: Array<[number, number, string]>;
}

function dataOf(html: string): { s: Tip[]; f: Tip[] } {
  const m = /<script type="application\/json" id="cs-data">([\s\S]*?)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]!);
}

describe('renderConsistencyHtml', () => {
  it('is one self-contained page with the label, the disclaimer and the X-ray band classes', () => {
    const html = renderConsistencyHtml(eiffelAnalysis(), { model: 'gpt-test' });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<link|src=|@import|url\(|https?:\/\//);
    expect(html).toContain('<title>Tokenscope consistency · gpt-test</title>');
    expect(html).toContain(
      'Sampling-based confidence: 4 samples at temperature 0.8, agreement of the answers; 4 requests, 128 tokens, 4.2 s',
    );
    expect(html).toContain(CONSISTENCY_DISCLAIMER);
    // The same band classes (and their CSS) as the token X-ray.
    expect(html).toContain('.b-lime{background:var(--lime)}');
    expect(html.match(/class="u s b-lime"/g)).toHaveLength(2);
    expect(html.match(/class="u s b-orange"/g)).toHaveLength(1);
    expect(html).toMatch(
      /<span class="u fact" tabindex="0" data-u="f\d+">1889<span class="sup" aria-label="carried by 3 of 4 samples">3\/4<\/span><\/span>/,
    );
  });

  it('embeds each unit tooltip: support in words and every other sample’s version', () => {
    const data = dataOf(renderConsistencyHtml(eiffelAnalysis()));
    const year = data.f.find((f) => f.text === '1889')!;
    expect(year.what).toBe('date');
    expect(year.support).toBe('carried by 3 of 4 samples (75.0 %)');
    expect(year.versions).toEqual([
      [2, 1, 'The Eiffel Tower was completed in 1889 for the fair.'],
      [3, 1, 'Completed in 1889, the Eiffel Tower is 300 metres tall.'],
      [4, 0, 'The Eiffel Tower was completed in 1887.'],
    ]);
    const fair = data.s[2]!;
    expect(fair.support).toBe('carried by 2 of 4 samples (50.0 %)');
    expect(fair.versions.map((v) => v[1])).toEqual([0, 1, 0]);
  });

  it('short answers: the distinct answers with counts and shares', () => {
    const html = renderConsistencyHtml(parisAnalysis());
    expect(html).toContain('<h2>Answers</h2>');
    expect(html).toContain('<td class="num">3/5</td><td class="num">60.0 %</td><td>Paris.</td>');
    expect(html).toContain('<td class="num">1/5</td><td class="num">20.0 %</td><td>Lyon</td>');
    const tip = dataOf(html).s[0]!;
    expect(tip.what).toBe('answer');
    expect(tip.support).toBe('given by 3 of 5 samples (60.0 %)');
  });

  it('escapes every piece of model text, in the page and in the tooltip data', () => {
    const hostile = '<img src=x onerror=alert(1)> </script> "\'&';
    const a = analyzeConsistency([{ text: hostile }, { text: hostile }, { text: 'no' }], {
      temperature: 0.7,
      cost: { requests: 3 },
    });
    const html = renderConsistencyHtml(a, { model: '<b>m</b>' });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>m');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(dataOf(html).s[0]!.text).toBe(hostile.trim());
  });

  it('goes under the token X-ray in one report (renderHtml sections), its script after the page’s own', () => {
    const html = renderHtml(makeAnalysis(SEED_003), { sections: [consistencySection(eiffelAnalysis())] });
    expect(html).toContain('id="ts-data"');
    expect(html).toContain('id="cs-data"');
    expect(html).toContain('.consistency .fact{');
    expect(html.indexOf('<section class="consistency"')).toBeLessThan(html.indexOf('</main>'));
    expect(html.indexOf("getElementById('ts-data')")).toBeLessThan(html.indexOf("getElementById('cs-data')"));
  });
});
