import {
  type CalibrationReport,
  type CalibrationSample,
  calibrate,
  describeMap,
  mapName,
  parseCalibrationRows,
  reliabilityDiagramSvg,
} from '@tokenscope/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { CalibrationChart } from './CalibrationChart';
import { CalibrationControls } from './CalibrationControls';
import { CalibrationTable } from './CalibrationTable';
import { mapCurvesOption, riskCoverageOption } from './calibrationCharts';
import { type CalibrationForm, DEFAULT_FORM, readForm } from './calibrationForm';
import { budgetSentence, svgDataUrl } from './calibrationText';
import { useCalibrationDrop } from './useCalibrationDrop';
import './calibrate.css';

/** Largest calibration file the page reads (it is parsed and computed in the browser). */
export const MAX_CALIBRATION_BYTES = 64 * 1024 * 1024;

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/**
 * `#/calibrate`: a JSON-lines calibration set (confidence or logprobs, and whether each answer was
 * right) picked or dropped, and core's `calibrate` run in the browser: the metrics, the reliability
 * diagram, the risk-coverage curve, the fitted maps, and the review threshold for a budget.
 */
export function CalibrateView() {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [form, setForm] = useState<CalibrationForm>(DEFAULT_FORM);
  const [diagramOf, setDiagramOf] = useState(0);
  const picker = useRef<HTMLInputElement>(null);

  const load = useCallback((f: File) => {
    setReadError(null);
    if (f.size > MAX_CALIBRATION_BYTES) {
      setFile(null);
      setReadError(
        `${f.name} is ${(f.size / 1048576).toFixed(1)} MiB; this page reads up to ${MAX_CALIBRATION_BYTES / 1048576} MiB: use \`tokenscope calibrate\` for larger sets`,
      );
      return;
    }
    f.text().then(
      (text) => setFile({ name: f.name, text }),
      (e: unknown) => setReadError(`could not read ${f.name}: ${e instanceof Error ? e.message : String(e)}`),
    );
  }, []);
  const dragging = useCalibrationDrop(load);

  const parsed = useMemo((): { samples: CalibrationSample[] } | { error: string } | null => {
    if (!file) return null;
    try {
      return { samples: parseCalibrationRows(file.text, { derive: form.derive }) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [file, form.derive]);

  const read = readForm(form);
  const optionsKey = JSON.stringify(read.options);
  const [result, setResult] = useState<{ report: CalibrationReport; ms: number } | { error: string } | null>(
    null,
  );
  useEffect(() => {
    if (!parsed || !('samples' in parsed) || read.options === null) {
      setResult(null);
      return;
    }
    const options = read.options;
    const timer = setTimeout(() => {
      const started = performance.now();
      try {
        const report = calibrate(parsed.samples, options);
        setResult({ report, ms: performance.now() - started });
      } catch (e) {
        setResult({ error: e instanceof Error ? e.message : String(e) });
      }
    }, 120);
    return () => clearTimeout(timer);
  }, [parsed, optionsKey]);

  const report = result && 'report' in result ? result.report : null;
  const diagramMetrics = report
    ? diagramOf === 0
      ? report.metrics
      : report.maps[diagramOf - 1]?.metrics
    : null;
  const diagramName =
    diagramOf === 0 || !report ? 'raw confidence' : mapName(report.maps[diagramOf - 1]!.map.kind);
  const diagram = useMemo(() => {
    if (!diagramMetrics) return null;
    const binned = form.scheme === 'width' ? diagramMetrics.equalWidth : diagramMetrics.equalMass;
    const title = `${diagramName} · ${report?.bins} equal-${form.scheme} bins`;
    return {
      url: svgDataUrl(reliabilityDiagramSvg(binned.bins, { title, size: 340 })),
      title,
      ece: binned.ece,
    };
  }, [diagramMetrics, form.scheme, diagramName]);
  const riskOption = useCallback(
    (c: Parameters<typeof riskCoverageOption>[1]) => riskCoverageOption(report?.riskCoverage ?? [], c),
    [report],
  );
  const mapsOption = useCallback(
    (c: Parameters<typeof mapCurvesOption>[1]) => mapCurvesOption(report?.maps ?? [], c),
    [report],
  );

  return (
    <section class="card cal" aria-labelledby="cal-title" data-testid="calibrate-view">
      <div class="card-head">
        <h2 id="cal-title">Calibration</h2>
        <span class="header-spacer" />
        <button type="button" class="btn btn-small btn-primary" onClick={() => picker.current?.click()}>
          Choose a JSONL file…
        </button>
        <input
          ref={picker}
          type="file"
          accept=".jsonl,.ndjson,.json,.txt,application/x-ndjson,application/json,text/plain"
          class="visually-hidden"
          tabIndex={-1}
          aria-label="Choose a calibration set (JSON lines)"
          data-testid="cal-file"
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            if (f) load(f);
            e.currentTarget.value = '';
          }}
        />
      </div>
      <div class="card-body">
        <p>
          Are answers given with confidence <i>p</i> right about <i>p</i> of the time? One answer per line,
          with its confidence (<code>"confidence": 0.83</code>, <code>"logprob": -0.19</code> or{' '}
          <code>"logprobs": [...]</code>) and whether it was right (<code>"correct": true</code>). Pick a file
          or drop it anywhere on this page; it is read in the browser and sent nowhere.
        </p>
        <CalibrationControls form={form} errors={read.errors ?? {}} onChange={setForm} />
        {readError ? (
          <p class="field-error" role="alert" data-testid="cal-error">
            {readError}
          </p>
        ) : null}
        {parsed && 'error' in parsed ? (
          <p class="field-error" role="alert" data-testid="cal-error">
            {file?.name}: {parsed.error}
          </p>
        ) : null}
        {result && 'error' in result ? (
          <p class="field-error" role="alert" data-testid="cal-error">
            {result.error}
          </p>
        ) : null}
        {!file && !readError ? <p class="cal-empty muted">No calibration set yet.</p> : null}
      </div>
      {report && file ? (
        <div class="card-body cal-results" data-testid="cal-results">
          <p class="cal-headline">
            <b>{file.name}</b>: {report.rows} answers
            {report.split
              ? ` · maps fitted on ${report.fittedRows}, evaluated on ${report.evaluatedRows}`
              : ''}{' '}
            · accuracy {pct(report.metrics.accuracy)} · mean confidence {pct(report.metrics.meanConfidence)} ·
            ECE <b data-testid="cal-ece">{report.metrics.equalWidth.ece.toFixed(3)}</b>
            <span class="muted">
              {' '}
              (computed in {Math.max(1, Math.round((result as { ms: number }).ms))} ms)
            </span>
          </p>
          {report.budget || report.catch ? (
            <div class="cal-review" data-testid="cal-budget">
              {report.budget ? <p>{budgetSentence(report.budget, 'budget')}</p> : null}
              {report.catch ? <p>{budgetSentence(report.catch, 'catch')}</p> : null}
            </div>
          ) : null}
          {report.notes.length > 0 ? (
            <ul class="cal-notes">
              {report.notes.map((n) => (
                <li key={n}>{n.replace('(--split 0.5)', '(“Fit on” 50 %)')}</li>
              ))}
            </ul>
          ) : null}
          <div class="cal-grid">
            <figure class="cal-figure">
              <figcaption>
                Reliability diagram of{' '}
                <select value={diagramOf} onChange={(e) => setDiagramOf(Number(e.currentTarget.value))}>
                  <option value={0}>raw confidence</option>
                  {report.maps.map((m, i) => (
                    <option key={m.map.kind} value={i + 1}>
                      {mapName(m.map.kind)}
                    </option>
                  ))}
                </select>{' '}
                {diagram ? <span class="muted">· ECE {diagram.ece.toFixed(3)}</span> : null}
              </figcaption>
              {diagram ? (
                <img class="cal-diagram" src={diagram.url} alt={diagram.title} data-testid="cal-diagram" />
              ) : null}
            </figure>
            <CalibrationTable report={report} />
          </div>
          <div class="cal-grid">
            <figure class="cal-figure">
              <figcaption>Risk-coverage: accept the most confident answers first</figcaption>
              <CalibrationChart build={riskOption} label="Risk-coverage curve" testId="cal-risk-chart" />
            </figure>
            <figure class="cal-figure">
              <figcaption>Fitted maps</figcaption>
              <CalibrationChart build={mapsOption} label="Fitted calibration maps" testId="cal-maps-chart" />
              <ul class="cal-maps">
                {report.maps.map((m) => (
                  <li key={m.map.kind}>{describeMap(m.map)}</li>
                ))}
              </ul>
            </figure>
          </div>
        </div>
      ) : null}
      {dragging ? (
        <div class="drop-overlay cal-drop" aria-hidden="true">
          <div>
            Drop a calibration set (JSON lines)
            <small>one answer per line: confidence or logprobs, and whether it was correct</small>
          </div>
        </div>
      ) : null}
    </section>
  );
}
