import type { DatasetSettings, DatasetSummary, GateThresholds } from '@tokenscope/core';
import { useState } from 'preact/hooks';
import { GateThresholdControls } from '../review/GateThresholdControls';
import { thresholdsSourceText, thresholdsText } from './datasetText';

export interface DatasetThresholdsProps {
  summary: DatasetSummary;
  dataset: string;
  settings: DatasetSettings | null;
  /** The thresholds being tried (null: the saved / default ones). */
  trying: GateThresholds | null;
  onTry: (thresholds: GateThresholds | null) => void;
  /** Saves (null: clears) the dataset's thresholds. */
  onSave: (thresholds: GateThresholds | null) => Promise<void>;
}

/**
 * The gate thresholds the figures use, with their source (tried here, the dataset's saved ones, or
 * core's defaults), and a control to try others, save them for the dataset, or clear the saved ones.
 */
export function DatasetThresholds(props: DatasetThresholdsProps) {
  const { summary, dataset, settings, trying } = props;
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async (thresholds: GateThresholds | null) => {
    setSaving(true);
    setError(null);
    try {
      await props.onSave(thresholds);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <div class="ds-thresholds" data-testid="dataset-thresholds">
      <p class="ds-thresholds-line">
        <strong>Gate thresholds (mean logprob):</strong> {thresholdsText(summary.thresholds)}{' '}
        <span class="ds-source" data-source={summary.thresholdsSource}>
          · {thresholdsSourceText(summary, dataset, settings)}
        </span>
      </p>
      <details class="ds-try" open={trying !== null}>
        <summary>Try other thresholds</summary>
        <GateThresholdControls value={trying ?? summary.thresholds} onChange={props.onTry} />
        <div class="ds-try-actions">
          {trying !== null ? (
            <button type="button" class="btn btn-small" onClick={() => props.onTry(null)}>
              {dataset !== '' && settings?.thresholds ? 'Back to the saved ones' : 'Back to the defaults'}
            </button>
          ) : null}
          {dataset !== '' && trying !== null ? (
            <button
              type="button"
              class="btn btn-small btn-primary"
              disabled={saving}
              onClick={() => void save(trying)}
            >
              Save for “{dataset}”
            </button>
          ) : null}
          {dataset !== '' && settings?.thresholds ? (
            <button type="button" class="btn btn-small" disabled={saving} onClick={() => void save(null)}>
              Forget the saved ones
            </button>
          ) : null}
        </div>
        <p class="field-note">
          Saved thresholds are what <code>tokenscope gate</code>, <code>tokenscope report --dataset</code>,
          the dataset's review queue, the history's verdicts and this page use for the dataset. The verdict
          filter always uses the saved ones.
        </p>
        {error ? (
          <p class="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </details>
    </div>
  );
}
