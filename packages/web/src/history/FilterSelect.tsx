/** `values` with `current` in it, so that a filter set elsewhere stays shown in its select. */
export function withCurrent(values: string[], current: string): string[] {
  return current === '' || values.includes(current) ? values : [current, ...values];
}

/** One filter of the history as a select with an "all" option and a label for screen readers. */
export function FilterSelect(props: {
  id: string;
  label: string;
  all: string;
  value: string;
  options: string[];
  labels?: Record<string, string>;
  onChange: (value: string) => void;
}) {
  return (
    <>
      <label class="visually-hidden" for={props.id}>
        {props.label}
      </label>
      <select
        id={props.id}
        class="input"
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <option value="">{props.all}</option>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.labels?.[o] ?? o}
          </option>
        ))}
      </select>
    </>
  );
}
