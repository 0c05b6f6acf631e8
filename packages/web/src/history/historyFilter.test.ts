import { describe, expect, it } from 'vitest';
import {
  describeFilter,
  describeTimeRange,
  EMPTY_HISTORY_FILTER,
  historyQuery,
  isFiltered,
} from './historyFilter';

describe('historyQuery', () => {
  it('sends only the filters that are set', () => {
    expect(historyQuery(EMPTY_HISTORY_FILTER)).toEqual({});
    expect(
      historyQuery({
        ...EMPTY_HISTORY_FILTER,
        search: ' paris ',
        dataset: 'qa',
        model: 'gpt-4o',
        promptVersion: 'v2',
        verdict: 'review',
        source: 'import',
        since: '2026-05-03',
        until: '2026-05-04',
      }),
    ).toEqual({
      search: 'paris',
      dataset: 'qa',
      model: 'gpt-4o',
      promptVersion: 'v2',
      verdict: 'review',
      source: 'import',
      since: '2026-05-03',
      until: '2026-05-04',
    });
    // The sidebar passes its debounced search.
    expect(historyQuery({ ...EMPTY_HISTORY_FILTER, search: 'typing' }, '')).toEqual({});
  });
});

describe('isFiltered, describeFilter', () => {
  it('names the filters in force', () => {
    expect(isFiltered(EMPTY_HISTORY_FILTER)).toBe(false);
    const f = { ...EMPTY_HISTORY_FILTER, dataset: 'qa', model: 'gpt-4o', promptVersion: 'v1', tag: 'prod' };
    expect(isFiltered(f)).toBe(true);
    expect(describeFilter(f)).toBe('dataset qa · model gpt-4o · prompt v1 · tag prod');
    expect(describeFilter({ ...EMPTY_HISTORY_FILTER, since: '2026-05-03', until: '2026-05-04' })).toBe(
      '2026-05-03 (UTC)',
    );
  });
});

describe('describeTimeRange', () => {
  it('words one UTC day, an open range and a range of times', () => {
    expect(describeTimeRange('', '')).toBe('');
    expect(describeTimeRange('2026-05-03', '')).toBe('from 2026-05-03');
    expect(describeTimeRange('', '2026-05-04')).toBe('before 2026-05-04');
    expect(describeTimeRange('2026-05-01', '2026-05-04')).toBe('from 2026-05-01 to before 2026-05-04');
    expect(describeTimeRange('2026-05-01T08:30:00.000Z', '2026-05-02T00:00:00.000Z')).toBe(
      'from 2026-05-01T08:30Z to before 2026-05-02',
    );
  });
});
