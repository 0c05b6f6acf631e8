import { describe, expect, it } from 'vitest';
import { eiffelAnalysis, parisAnalysis } from './__testutil__/consistencyExamples.js';
import { analyzeConsistency } from './analyzeConsistency.js';
import { consistencySegments } from './consistencySegments.js';
import { sampleVersions } from './sampleVersions.js';

describe('sampleVersions', () => {
  it('counts exactly the support analyzeConsistency gave every sentence and fact', () => {
    const analyses = [
      eiffelAnalysis(),
      parisAnalysis(),
      analyzeConsistency(
        [
          { text: 'Water boils at 100 °C at sea level. Its formula is H2O. Ice melts at 0 °C.' },
          { text: 'At sea level water boils at 100 °C. The formula of water is H2O.' },
          { text: 'Water boils at 90 °C at sea level. Its chemical formula is H2O. Ice melts at 0 °C.' },
        ],
        { temperature: 0.9, cost: { requests: 3 } },
      ),
    ];
    for (const a of analyses) {
      for (const unit of [...a.sentences, ...a.facts]) {
        const versions = sampleVersions(a, unit);
        expect(versions).toHaveLength(a.samples.length - 1);
        expect(versions.every((v) => v.sample !== a.chosen)).toBe(true);
        expect(1 + versions.filter((v) => v.carries).length, unit.text).toBe(unit.support);
      }
    }
  });

  it('shows the other sample’s closest sentence as its version', () => {
    const a = eiffelAnalysis();
    const tall = a.sentences[1]!;
    expect(sampleVersions(a, tall)).toEqual([
      { sample: 1, carries: true, text: 'It is about 330 metres tall.' },
      { sample: 2, carries: false, text: 'Completed in 1889, the Eiffel Tower is 300 metres tall.' },
      { sample: 3, carries: true, text: 'It is 330 metres tall today.' },
    ]);
  });
});

describe('consistencySegments', () => {
  it('cuts the answer at sentence and fact edges and gives the text back whole', () => {
    const a = eiffelAnalysis();
    const segs = consistencySegments(a);
    expect(segs.map((s) => s.text).join('')).toBe(a.text);
    const year = segs.find((s) => s.text === '1889')!;
    expect(a.facts[year.fact!]!.text).toBe('1889');
    expect(year).toMatchObject({ sentence: 0, endsFact: true, endsSentence: false });
    expect(segs.filter((s) => s.endsSentence)).toHaveLength(a.sentences.length);
    expect(segs.find((s) => s.sentence === null)?.text).toBe(' ');
  });
});
