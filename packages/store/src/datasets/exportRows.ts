/**
 * `RunStore.exportRows`: every run matching a filter with its scores and its reviews, oldest first,
 * read 500 at a time (keyset paging on `seq`), so an export of any size holds one page in memory.
 */
import type { DatasetExportRow, RunPrompt, RunQuery, RunSummary } from '@tokenscope/core';
import type { SqlDriver } from '../driver/SqlDriver.js';
import { fromJson } from '../sql/json.js';
import { DEFAULT_VERDICT, SAVED_THRESHOLDS, sentenceReviewSql, THRESHOLD_JOIN, tagsOf } from '../sql/rows.js';
import { runFilter } from '../sql/runFilter.js';
import { normalizeQuery } from '../validate/normalizeQuery.js';
import { promptSearchText } from '../validate/prepareRun.js';

const PAGE = 500;

interface ExportRow {
  seq: number;
  id: string;
  dataset: string | null;
  row_key: string | null;
  created_at: string;
  model: string;
  prompt_version: string | null;
  source: string;
  prompt: string | null;
  answer_text: string;
  expected: string | null;
  summary: string;
  verdict: DatasetExportRow['verdict'];
  review_sentences: number;
}

export async function* exportRows(
  db: SqlDriver,
  query: Omit<RunQuery, 'limit' | 'offset'> = {},
): AsyncIterable<DatasetExportRow> {
  const { limit: _l, offset: _o, ...q } = normalizeQuery({ ...query, limit: 1, offset: 0 });
  const filter = runFilter(db.dialect, q);
  const and = filter.sql === '' ? 'WHERE' : `${filter.sql} AND`;
  let after = 0;
  for (;;) {
    const page = await db.transaction('read', async (tx) => {
      const rows = await tx.all<ExportRow>(
        `SELECT r.seq, r.id, r.dataset, r.row_key, r.created_at, r.model, r.prompt_version, r.source, r.prompt,
           r.answer_text, r.expected, r.summary, ${DEFAULT_VERDICT} AS verdict,
           (SELECT count(*) FROM run_sentences AS s WHERE s.run_id = r.id
              AND ${sentenceReviewSql(SAVED_THRESHOLDS.publish, SAVED_THRESHOLDS.review)}) AS review_sentences
         FROM runs AS r ${THRESHOLD_JOIN} ${and} r.seq > ? ORDER BY r.seq LIMIT ?`,
        [...filter.params, after, PAGE],
      );
      const ids = rows.map((r) => r.id);
      const tags = await tagsOf(tx, ids);
      const decisions = new Map<string, { approved: number; rejected: number; edited: number }>();
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const counts = await tx.all<{
          run_id: string;
          decision: 'approved' | 'rejected' | 'edited';
          n: number;
        }>(
          `SELECT v.run_id, v.decision, count(*) AS n FROM reviews AS v
           WHERE v.run_id IN (${chunk.map(() => '?').join(', ')})
             AND v.id IN (SELECT max(id) FROM reviews AS w WHERE w.run_id = v.run_id GROUP BY w.sentence)
           GROUP BY v.run_id, v.decision`,
          chunk,
        );
        for (const c of counts) {
          const entry = decisions.get(c.run_id) ?? { approved: 0, rejected: 0, edited: 0 };
          entry[c.decision] = Number(c.n);
          decisions.set(c.run_id, entry);
        }
      }
      return { rows, tags, decisions };
    });
    for (const row of page.rows) {
      const summary = fromJson<RunSummary>(row.summary);
      // Made from samples only: no token figures (a summary of no tokens says perplexity 1).
      const samplingOnly = summary.tokens === 0 && summary.agreement !== undefined;
      const d = page.decisions.get(row.id) ?? { approved: 0, rejected: 0, edited: 0 };
      yield {
        runId: row.id,
        dataset: row.dataset,
        rowKey: row.row_key,
        createdAt: row.created_at,
        model: row.model,
        promptVersion: row.prompt_version,
        tags: page.tags.get(row.id) ?? [],
        source: row.source,
        prompt: promptSearchText(row.prompt === null ? null : fromJson<RunPrompt>(row.prompt)),
        answer: row.answer_text,
        expected: row.expected,
        tokens: summary.tokens,
        sumLogprob: samplingOnly ? null : summary.sumLogprob,
        meanLogprob: samplingOnly ? null : summary.meanLogprob,
        perplexity: samplingOnly ? null : summary.perplexity,
        minProb: summary.minProb,
        flaggedTokens: summary.flaggedTokens,
        lowConfidenceSpans: summary.lowConfidenceSpans,
        criticalFacts: summary.criticalFacts,
        flaggedFacts: summary.flaggedFacts,
        verdict: row.verdict,
        reviewSentences: Number(row.review_sentences),
        approvedSentences: d.approved,
        rejectedSentences: d.rejected,
        editedSentences: d.edited,
        correct: d.rejected + d.edited > 0 ? false : d.approved > 0 ? true : null,
        agreement: summary.agreement ?? null,
      };
    }
    if (page.rows.length < PAGE) return;
    after = Number(page.rows[page.rows.length - 1]!.seq);
  }
}
