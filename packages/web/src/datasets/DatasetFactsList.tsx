import type { DatasetFact } from '@tokenscope/core';
import { routeHash } from '../app/route';
import { factProbability } from './datasetText';

/** The lowest-probability critical facts of the matching runs, each linking to its run's X-ray. */
export function DatasetFactsList({ facts }: { facts: DatasetFact[] }) {
  if (facts.length === 0) {
    return (
      <p class="muted">
        No critical fact (name, number, amount, date, title, URL, code) with a low-confidence token.
      </p>
    );
  }
  return (
    <ol class="ds-facts" data-testid="dataset-facts">
      {facts.map((f, i) => (
        <li key={`${f.runId}:${i}`}>
          <span class="chip chip-plain">{f.kind}</span> <q class="ds-fact-text">{f.text}</q>{' '}
          <span class="muted">{factProbability(f)}</span>{' '}
          <a href={routeHash({ name: 'run', id: f.runId })} data-fact-run={f.runId}>
            open the run
          </a>
        </li>
      ))}
    </ol>
  );
}
