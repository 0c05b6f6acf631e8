import { InvalidRowError } from '../calibration/InvalidRowError.js';
import { isRecord } from '../formats/checkShape.js';

/** One row of a batch file: the text to classify, an optional id and gold label. */
export interface ClassifyRow {
  /** 1-based line number in the file. */
  line: number;
  text: string;
  id?: string | number;
  /** The gold label, when known (for accuracy). */
  label?: string;
}

/**
 * Parses JSON lines `{"text": "...", "id"?: string | number, "label"?: string}`. Blank lines are
 * skipped; anything else that is not such an object throws `InvalidRowError` naming the line.
 */
export function parseClassifyRows(text: string): ClassifyRow[] {
  const rows: ClassifyRow[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim().length === 0) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new InvalidRowError(
        line,
        null,
        'expected a JSON object such as {"text": "...", "label": "billing"}, got text that is not JSON',
      );
    }
    if (!isRecord(value)) {
      throw new InvalidRowError(
        line,
        null,
        `expected a JSON object with a "text" string, got ${JSON.stringify(value)}`,
      );
    }
    const record = value;
    if (typeof record.text !== 'string' || record.text.length === 0) {
      throw new InvalidRowError(
        line,
        'text',
        `expected a non-empty string, got ${JSON.stringify(record.text) ?? 'nothing'}`,
      );
    }
    const row: ClassifyRow = { line, text: record.text };
    if (record.id !== undefined) {
      if (typeof record.id !== 'string' && typeof record.id !== 'number') {
        throw new InvalidRowError(
          line,
          'id',
          `expected a string or a number, got ${JSON.stringify(record.id)}`,
        );
      }
      row.id = record.id;
    }
    if (record.label !== undefined && record.label !== null) {
      if (typeof record.label !== 'string') {
        throw new InvalidRowError(line, 'label', `expected a string, got ${JSON.stringify(record.label)}`);
      }
      row.label = record.label.trim();
    }
    rows.push(row);
  });
  return rows;
}
