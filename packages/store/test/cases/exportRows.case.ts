/** Shared suite: `exportRows`, every matching run once with its scores and reviews, on any backend. */
import {
  DEFAULT_GATE_THRESHOLDS,
  type GateThresholds,
  InvalidOptionError,
  type NewRun,
  type RunRecord,
  summarizeRun,
} from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { type Backend, useStore } from '../backends.js';
import { coreFigures } from '../expectedFigures.js';
import { collect, newRun, variant } from '../runs.js';

const STRICT: GateThresholds = { publish: -0.2, review: -1 };

export function exportCases(backend: Backend): void {
  const ctx = useStore(backend);

  describe('exportRows', () => {
    it('yields every matching run once, oldest first, with its fields, scores and human labels', async () => {
      const store = ctx.store;
      await store.saveDatasetThresholds('qa', STRICT);
      const inputs: NewRun[] = [
        newRun({
          response: variant(0),
          dataset: 'qa',
          promptVersion: 'v1',
          expected: 'Andrzej Duda',
          tags: ['b', 'a'],
        }),
        newRun({
          response: variant(1),
          dataset: 'qa',
          prompt: {
            kind: 'chat',
            messages: [
              { role: 'system', content: 'Answer briefly.' },
              { role: 'user', content: 'Who is the president?' },
            ],
          },
        }),
        newRun({ response: variant(2), dataset: 'qa', source: 'import', prompt: null, fileName: 'x.json' }),
        newRun({ response: variant(5), dataset: 'qa', model: 'gpt-4o' }),
        newRun({ response: variant(9), dataset: 'qa', promptVersion: 'v2' }),
      ];
      const saved: RunRecord[] = [];
      for (const [i, input] of inputs.entries()) {
        saved.push(await store.save(input));
        if (i === 1) await store.save(newRun({ dataset: 'other' })); // not exported
        if (i === 2) await store.save(newRun()); // no dataset: not exported
      }
      expect(await store.claimRow('qa', 'row-7', 'w1', 60_000)).toBe('claimed');
      const batchRun = await store.completeRow(
        'qa',
        'row-7',
        'w1',
        newRun({ response: variant(3), expected: 'Anna' }),
      );
      expect(batchRun).not.toBeNull();
      saved.push(batchRun!);
      inputs.push(newRun({ response: variant(3), dataset: 'qa', expected: 'Anna' }));

      const decide = (i: number, sentence: number, decision: 'approved' | 'rejected' | 'edited') =>
        store.review(saved[i]!.id, {
          sentence,
          charStart: 0,
          charEnd: 1,
          text: 'x',
          decision,
          ...(decision === 'edited' ? { editedText: 'y' } : {}),
        });
      await decide(0, 0, 'rejected'); // false
      await decide(1, 0, 'approved'); // true
      await decide(3, 0, 'approved');
      await decide(3, 1, 'edited'); // false: an edited sentence
      await decide(4, 0, 'rejected');
      await decide(4, 0, 'approved'); // true: the latest decision is in force
      await decide(4, 1, 'approved');
      const labels = [false, true, null, false, true, null];
      const counts = [
        [0, 1, 0],
        [1, 0, 0],
        [0, 0, 0],
        [1, 0, 1],
        [2, 0, 0],
        [0, 0, 0],
      ];

      const rows = await collect(store.exportRows({ dataset: 'qa' }));
      expect(rows.map((r) => r.runId)).toEqual(saved.map((r) => r.id));
      for (const [i, row] of rows.entries()) {
        const input = inputs[i]!;
        const record = saved[i]!;
        const summary = summarizeRun(input.response);
        const figures = coreFigures(input.response, STRICT);
        const prompt =
          input.prompt === null
            ? ''
            : input.prompt.kind === 'text'
              ? input.prompt.text
              : 'Answer briefly.\nWho is the president?';
        expect(row, `row ${i}`).toEqual({
          runId: record.id,
          dataset: 'qa',
          rowKey: i === 5 ? 'row-7' : null,
          createdAt: record.createdAt,
          model: input.model,
          promptVersion: input.promptVersion ?? null,
          tags: record.tags,
          source: input.source,
          prompt,
          answer: input.response.completions[0]!.text,
          expected: input.expected ?? null,
          tokens: summary.tokens,
          sumLogprob: summary.sumLogprob,
          meanLogprob: summary.meanLogprob,
          perplexity: summary.perplexity,
          minProb: summary.minProb,
          flaggedTokens: summary.flaggedTokens,
          lowConfidenceSpans: summary.lowConfidenceSpans,
          criticalFacts: summary.criticalFacts,
          flaggedFacts: summary.flaggedFacts,
          verdict: figures.verdict,
          reviewSentences: figures.reviewSentences,
          approvedSentences: counts[i]![0],
          rejectedSentences: counts[i]![1],
          editedSentences: counts[i]![2],
          correct: labels[i],
          agreement: null,
        });
      }
      expect(rows[0]!.tags).toEqual(['b', 'a']);
      // at core's thresholds once the dataset's are cleared
      await store.saveDatasetThresholds('qa', null);
      const again = await collect(store.exportRows({ dataset: 'qa' }));
      expect(again.map((r) => [r.verdict, r.reviewSentences])).toEqual(
        inputs.map((input) => {
          const f = coreFigures(input.response, { ...DEFAULT_GATE_THRESHOLDS });
          return [f.verdict, f.reviewSentences];
        }),
      );
      // other filters
      expect(
        (await collect(store.exportRows({ dataset: 'qa', promptVersion: 'v2' }))).map((r) => r.runId),
      ).toEqual([saved[4]!.id]);
      expect((await collect(store.exportRows())).length).toBe(saved.length + 2);
      expect(await collect(store.exportRows({ dataset: 'none here' }))).toEqual([]);
    });

    it('reads more than one page (500 runs): each matching run once, in order', async () => {
      const store = ctx.store;
      const ids: string[] = [];
      for (let i = 0; i < 530; i++) {
        // every twentieth run belongs to another dataset: the filter holds across pages
        const run = await store.save(newRun({ title: `r${i}`, dataset: i % 20 === 19 ? 'other' : 'big' }));
        if (i % 20 !== 19) ids.push(run.id);
      }
      expect(ids.length).toBeGreaterThan(500);
      const rows = await collect(store.exportRows({ dataset: 'big' }));
      expect(rows.map((r) => r.runId)).toEqual(ids);
      expect((await collect(store.exportRows())).length).toBe(530);
    }, 120_000);

    it('refuses a bad filter with InvalidOptionError when iterated', async () => {
      for (const [query, option] of [
        [{ verdict: 'maybe' }, 'verdict'],
        [{ until: 'soon' }, 'until'],
      ] as const) {
        const error = await collect(ctx.store.exportRows(query as never)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidOptionError);
        expect((error as InvalidOptionError).option).toBe(option);
      }
    });
  });
}
