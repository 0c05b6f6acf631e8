import { DEFAULT_GATE_THRESHOLDS } from '@tokenscope/core';
import { useEffect, useState } from 'preact/hooks';
import { type GateThresholds, gateThresholdsError } from '../xray/sentenceVerdict';

/**
 * The gate's two thresholds as number fields (mean logprob). A pair that core's `gate` refuses is
 * shown with core's message and not applied.
 */
export function GateThresholdControls({
  value,
  onChange,
}: {
  value: GateThresholds;
  onChange: (t: GateThresholds) => void;
}) {
  const [publish, setPublish] = useState(String(value.publish));
  const [review, setReview] = useState(String(value.review));
  useEffect(() => {
    setPublish(String(value.publish));
    setReview(String(value.review));
  }, [value.publish, value.review]);
  const draft = { publish: Number(publish), review: Number(review) };
  const error =
    publish.trim() === '' || review.trim() === '' ? 'Give both thresholds.' : gateThresholdsError(draft);
  const apply = (p: string, r: string) => {
    const t = { publish: Number(p), review: Number(r) };
    if (p.trim() !== '' && r.trim() !== '' && gateThresholdsError(t) === null) onChange(t);
  };
  const isDefault =
    value.publish === DEFAULT_GATE_THRESHOLDS.publish && value.review === DEFAULT_GATE_THRESHOLDS.review;
  return (
    <fieldset class="rv-thresholds">
      <legend>Gate thresholds (mean logprob)</legend>
      <label class="field">
        <span>Publish above</span>
        <input
          type="number"
          step="0.1"
          max="0"
          name="gate-publish"
          value={publish}
          aria-invalid={error ? 'true' : undefined}
          onInput={(e) => {
            setPublish(e.currentTarget.value);
            apply(e.currentTarget.value, review);
          }}
        />
      </label>
      <label class="field">
        <span>Review below</span>
        <input
          type="number"
          step="0.1"
          max="0"
          name="gate-review"
          value={review}
          aria-invalid={error ? 'true' : undefined}
          onInput={(e) => {
            setReview(e.currentTarget.value);
            apply(publish, e.currentTarget.value);
          }}
        />
      </label>
      <button
        type="button"
        class="btn btn-small"
        disabled={isDefault}
        onClick={() => onChange({ ...DEFAULT_GATE_THRESHOLDS })}
      >
        Defaults (−0.5 / −1.5)
      </button>
      <p class="field-note">
        In between, a sentence goes to review when it holds a low-confidence critical fact (a name, number,
        amount, date, title, URL, e-mail or code).
      </p>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
