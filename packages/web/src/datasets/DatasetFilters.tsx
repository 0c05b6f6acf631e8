import { DATASET_GROUPS, type DatasetListItem, type GateVerdict } from '@tokenscope/core';
import { withCurrent } from '../history/FilterSelect';
import { type DatasetViewState, GROUP_BY_LABEL } from './datasetQuery';

export interface DatasetFiltersProps {
  state: DatasetViewState;
  onChange: (next: DatasetViewState) => void;
  datasets: DatasetListItem[];
  facets: { models: string[]; promptVersions: string[] };
  tags: Array<{ tag: string; count: number }>;
}

function Select(props: {
  id: string;
  label: string;
  value: string;
  all: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string) => void;
}) {
  return (
    <label class="field" for={props.id}>
      <span>{props.label}</span>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <option value="">{props.all}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The dataset, the filters and the grouping of the datasets view. */
export function DatasetFilters({ state, onChange, datasets, facets, tags }: DatasetFiltersProps) {
  const set = (patch: Partial<DatasetViewState>) => onChange({ ...state, ...patch });
  const names = withCurrent(
    datasets.map((d) => d.name),
    state.dataset,
  );
  const runsOf = new Map(datasets.map((d) => [d.name, d.runs]));
  const plain = (values: string[]) => values.map((v) => ({ value: v, label: v }));
  return (
    <div class="ds-filters">
      <fieldset class="ds-fieldset">
        <legend>Runs</legend>
        <Select
          id="ds-dataset"
          label="Dataset"
          value={state.dataset}
          all="All runs"
          options={names.map((n) => ({
            value: n,
            label: runsOf.has(n) ? `${n} (${runsOf.get(n)} runs)` : n,
          }))}
          // A new dataset has other models and versions: those filters start over.
          onChange={(dataset) => set({ dataset, model: '', promptVersion: '' })}
        />
        <Select
          id="ds-model"
          label="Model"
          value={state.model}
          all="All models"
          options={plain(withCurrent(facets.models, state.model))}
          onChange={(model) => set({ model })}
        />
        <Select
          id="ds-prompt-version"
          label="Prompt version"
          value={state.promptVersion}
          all="All versions"
          options={plain(withCurrent(facets.promptVersions, state.promptVersion))}
          onChange={(promptVersion) => set({ promptVersion })}
        />
        <Select
          id="ds-tag"
          label="Tag"
          value={state.tag}
          all="All tags"
          options={withCurrent(
            tags.map((t) => t.tag),
            state.tag,
          ).map((t) => ({ value: t, label: t }))}
          onChange={(tag) => set({ tag })}
        />
        <Select
          id="ds-verdict"
          label="Verdict"
          value={state.verdict}
          all="Any verdict"
          options={[
            { value: 'publish', label: 'publish' },
            { value: 'review', label: 'review' },
          ]}
          onChange={(verdict) => set({ verdict: verdict as GateVerdict | '' })}
        />
        <label class="field" for="ds-from">
          <span>From (UTC day)</span>
          <input
            id="ds-from"
            type="date"
            value={state.from}
            max={state.to || undefined}
            onChange={(e) => set({ from: e.currentTarget.value })}
          />
        </label>
        <label class="field" for="ds-to">
          <span>To (UTC day, included)</span>
          <input
            id="ds-to"
            type="date"
            value={state.to}
            min={state.from || undefined}
            onChange={(e) => set({ to: e.currentTarget.value })}
          />
        </label>
      </fieldset>
      <div class="ds-group-row">
        <span aria-hidden="true">Group by</span>
        <fieldset class="segmented ds-group-by">
          <legend class="visually-hidden">Group by</legend>
          {DATASET_GROUPS.map((g) => (
            <button
              key={g}
              type="button"
              aria-pressed={state.groupBy === g}
              data-group-by={g}
              onClick={() => set({ groupBy: g })}
            >
              {GROUP_BY_LABEL[g]}
            </button>
          ))}
        </fieldset>
      </div>
    </div>
  );
}
