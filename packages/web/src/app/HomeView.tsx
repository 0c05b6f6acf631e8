export interface HomeViewProps {
  hasRuns: boolean;
  onExample: (text: string) => void;
}

const EXAMPLES = [
  'Once upon a time',
  'The capital of Australia is',
  'Lily and Tom went to the park. They saw',
  'In 1969, the first person to walk on the Moon was',
];

/** Below the compose panel when no run is open: what the app does, and prompts to start from. */
export function HomeView({ hasRuns, onExample }: HomeViewProps) {
  return (
    <section class="card empty" aria-labelledby="empty-title">
      <div class="card-body">
        <h2 id="empty-title">{hasRuns ? 'Open a run, or start a new one' : 'No runs yet'}</h2>
        <p>
          Run a prompt and Tokenscope shows the answer's X-ray: every token coloured by how sure the model
          was, the alternatives it nearly chose, and the spans and facts worth a second look. Every run is
          saved in the history on the left; you can also import a saved API response (drop a file anywhere on
          this page).
        </p>
        <p class="field-label">Try one of these</p>
        <div class="examples">
          {EXAMPLES.map((text) => (
            <button key={text} type="button" class="btn example" onClick={() => onExample(text)}>
              {text}…
            </button>
          ))}
        </div>
      </div>
    </section>
  );
}
