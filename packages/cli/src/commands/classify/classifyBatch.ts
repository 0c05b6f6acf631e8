/** `tokenscope classify --batch FILE.jsonl`: one classification per row, a progress bar, accuracy. */
import {
  type ClassifiedRow,
  type ClassifyRow,
  formatProbability,
  parseClassifyRows,
  summarizeClassifications,
} from '@tokenscope/core';
import cliProgress from 'cli-progress';
import type { CliIo } from '../../io/CliIo.js';
import { readText } from '../../io/readText.js';
import type { Classifier } from './classifiers.js';

export interface BatchOutcome {
  anyAbstain: boolean;
}

/** Reads and checks the rows before any model is loaded (a bad line fails fast). */
export async function readBatchRows(path: string): Promise<ClassifyRow[]> {
  return parseClassifyRows(await readText({ kind: 'file', path }));
}

/**
 * Classifies every row; writes one JSON line per row (`format: 'json'`) or one text line per row,
 * then the summary (stdout for text, stderr for JSON so that stdout stays JSON lines). The progress
 * bar goes to stderr, only when stderr is a terminal.
 */
export async function runBatch(
  rows: readonly ClassifyRow[],
  classifier: Classifier,
  options: { format: 'text' | 'json'; io: CliIo },
): Promise<BatchOutcome> {
  const { io, format } = options;
  const isTTY = (io.stderr as { isTTY?: boolean }).isTTY === true;
  const bar = isTTY
    ? new cliProgress.SingleBar(
        {
          stream: io.stderr as NodeJS.WritableStream,
          format: 'classifying [{bar}] {value}/{total} rows | {eta_formatted} left',
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(rows.length, 0);
  const done: ClassifiedRow[] = [];
  try {
    for (const row of rows) {
      const classification = await classifier.classify(row.text);
      done.push(row.label === undefined ? { classification } : { classification, gold: row.label });
      const out = {
        ...(row.id === undefined ? {} : { id: row.id }),
        line: row.line,
        ...(row.label === undefined ? {} : { gold: row.label, correct: classification.label === row.label }),
        ...classification,
      };
      const text =
        format === 'json'
          ? JSON.stringify(out)
          : [
              String(row.id ?? `line ${row.line}`),
              classification.abstain ? `ABSTAIN (top ${classification.top})` : classification.top,
              formatProbability(
                classification.labels.find((l) => l.label === classification.top)!.probability,
              ),
              `margin ${classification.margin.toFixed(3)}`,
              row.label === undefined
                ? ''
                : classification.top === row.label
                  ? `✓ ${row.label}`
                  : `✗ ${row.label}`,
            ].join('\t');
      bar?.increment();
      io.stdout.write(`${text.trimEnd()}\n`);
    }
  } finally {
    bar?.stop();
  }
  const summary = summarizeClassifications(done);
  const parts = [`${summary.rows} rows`, `${summary.abstained} abstained (routed to a human)`];
  if (summary.accuracy !== null) {
    parts.push(
      `accuracy ${formatProbability(summary.accuracy)} (${summary.correctTop}/${summary.labelled} top labels right)`,
    );
    if (summary.decidedAccuracy !== null) {
      parts.push(
        `accuracy of the decided rows ${formatProbability(summary.decidedAccuracy)} (${summary.correctDecided}/${summary.decided})`,
      );
    }
    if (summary.unknownGold > 0) parts.push(`${summary.unknownGold} gold labels are not among the labels`);
  }
  const line = `${parts.join(', ')}\n`;
  if (format === 'json') io.stderr.write(`tokenscope: ${line}`);
  else io.stdout.write(`\n${line}`);
  return { anyAbstain: summary.abstained > 0 };
}
