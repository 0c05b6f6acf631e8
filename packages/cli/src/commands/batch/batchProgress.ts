/**
 * Progress of a batch on stderr: a bar (rows, rate, ETA, failures) when stderr is a terminal, a
 * plain line at most every few seconds otherwise (logs, CI).
 */
import cliProgress from 'cli-progress';
import type { CliIo } from '../../io/CliIo.js';
import type { BatchCounts } from './runBatch.js';

const LINE_EVERY_MS = 5000;

export interface BatchProgressReporter {
  update(counts: BatchCounts): void;
  stop(counts: BatchCounts): void;
}

export function batchProgress(io: CliIo, dataset: string, total: number): BatchProgressReporter {
  const started = Date.now();
  const isTTY = (io.stderr as { isTTY?: boolean }).isTTY === true;
  const rate = (c: BatchCounts) => (c.stored + c.failed) / Math.max(0.001, (Date.now() - started) / 1000);
  const eta = (c: BatchCounts) => {
    const left = Math.max(0, total - c.read);
    const r = rate(c);
    return r > 0 ? left / r : Number.POSITIVE_INFINITY;
  };
  if (isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: io.stderr as NodeJS.WritableStream,
        format: `batch ${dataset} [{bar}] {value}/{total} rows | {rate}/s | ETA {etaText} | {failed} failed, {skipped} done before, {busy} held by others`,
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { rate: '0.0', etaText: '?', failed: 0, skipped: 0, busy: 0 });
    const payload = (c: BatchCounts) => ({
      rate: rate(c).toFixed(1),
      etaText: formatDuration(eta(c)),
      failed: c.failed,
      skipped: c.skipped,
      busy: c.busy,
    });
    return {
      update: (c) => bar.update(c.read, payload(c)),
      stop: (c) => {
        bar.update(c.read, payload(c));
        bar.stop();
      },
    };
  }
  let last = 0;
  const line = (c: BatchCounts) =>
    `tokenscope: batch ${dataset}: ${c.read}/${total} rows read · ${c.stored} stored · ${c.skipped} done before · ${c.failed} failed · ${c.busy} held by other workers · ${rate(c).toFixed(1)} rows/s · ETA ${formatDuration(eta(c))}\n`;
  return {
    update: (c) => {
      const now = Date.now();
      if (now - last < LINE_EVERY_MS) return;
      last = now;
      io.stderr.write(line(c));
    },
    stop: (c) => io.stderr.write(line(c)),
  };
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
