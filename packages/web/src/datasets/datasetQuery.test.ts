import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY_FILTER } from '../history/historyFilter';
import {
  type DatasetViewState,
  DEFAULT_VIEW,
  groupHistoryFilter,
  groupLabel,
  nextDay,
  parseViewQuery,
  SUMMARY_BINS,
  summaryParams,
  viewQuery,
} from './datasetQuery';

const state = (patch: Partial<DatasetViewState>): DatasetViewState => ({ ...DEFAULT_VIEW, ...patch });

describe('parseViewQuery / viewQuery', () => {
  it('reads the defaults from an empty query and writes nothing for them', () => {
    expect(parseViewQuery('')).toEqual(DEFAULT_VIEW);
    expect(viewQuery(DEFAULT_VIEW)).toBe('');
  });

  it('round-trips every field, names with & and = included', () => {
    const full = state({
      dataset: 'qa & more=1',
      groupBy: 'day',
      model: 'gpt-4o',
      promptVersion: 'v2',
      tag: 'prod',
      verdict: 'review',
      from: '2026-01-01',
      to: '2026-01-31',
      search: 'paris',
      thresholds: { publish: -0.3, review: -2 },
      chart: 'histogram',
    });
    expect(parseViewQuery(viewQuery(full))).toEqual(full);
    expect(viewQuery(state({ dataset: 'qa', groupBy: 'promptVersion' }))).toBe(
      'dataset=qa&groupBy=promptVersion',
    );
  });

  it('ignores values it cannot use', () => {
    expect(
      parseViewQuery(
        'groupBy=week&verdict=maybe&from=2026-13-01&to=yesterday&publish=-2&review=-1&chart=pie&x=1',
      ),
    ).toEqual(DEFAULT_VIEW);
    expect(parseViewQuery('publish=0.5&review=-1').thresholds).toBeNull();
    expect(parseViewQuery('publish=-0.5').thresholds).toBeNull();
  });
});

describe('summaryParams', () => {
  it('sends the filters, the grouping, the thresholds being tried and the bins', () => {
    expect(
      summaryParams(
        state({
          dataset: ' qa ',
          model: 'm',
          verdict: 'publish',
          from: '2026-02-27',
          to: '2026-02-28',
          thresholds: { publish: -0.4, review: -1 },
        }),
      ),
    ).toEqual({
      dataset: 'qa',
      model: 'm',
      verdict: 'publish',
      since: '2026-02-27',
      until: '2026-03-01', // `to` is included: until the next day
      groupBy: 'model',
      publish: -0.4,
      review: -1,
      bins: SUMMARY_BINS,
      facts: undefined,
    });
  });

  it('takes another grouping and sizes for the over-time request, and leaves defaults out', () => {
    expect(summaryParams(DEFAULT_VIEW, 'day', { bins: 1, facts: 0 })).toEqual({
      groupBy: 'day',
      publish: undefined,
      review: undefined,
      bins: 1,
      facts: 0,
    });
  });
});

describe('nextDay', () => {
  it('crosses months, leap days and years in UTC', () => {
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
});

describe('groupHistoryFilter', () => {
  const view = state({ dataset: 'qa', tag: 'prod', groupBy: 'model' });

  it('keeps the view filters and adds the group value', () => {
    expect(groupHistoryFilter(view, 'model', 'gpt-4o')).toEqual({
      ...EMPTY_HISTORY_FILTER,
      dataset: 'qa',
      tag: 'prod',
      model: 'gpt-4o',
    });
    expect(groupHistoryFilter(view, 'promptVersion', 'v2')).toMatchObject({ promptVersion: 'v2' });
    expect(groupHistoryFilter(view, 'tag', 'beta')).toMatchObject({ tag: 'beta', dataset: 'qa' });
    expect(groupHistoryFilter(view, 'none', 'all')).toEqual({
      ...EMPTY_HISTORY_FILTER,
      dataset: 'qa',
      tag: 'prod',
    });
  });

  it('turns a day into its UTC range, inside the view range', () => {
    expect(groupHistoryFilter(view, 'day', '2026-05-03')).toMatchObject({
      since: '2026-05-03',
      until: '2026-05-04',
    });
    const ranged = state({ from: '2026-05-01', to: '2026-05-03' });
    expect(groupHistoryFilter(ranged, 'day', '2026-05-03')).toMatchObject({
      since: '2026-05-03',
      until: '2026-05-04',
    });
    expect(groupHistoryFilter(view, 'day', 'not a day')).toBeNull();
  });

  it('has no filter for the runs without a value', () => {
    expect(groupHistoryFilter(view, 'promptVersion', null)).toBeNull();
    expect(groupHistoryFilter(view, 'tag', null)).toBeNull();
  });
});

describe('groupLabel', () => {
  it('names the groups, and the group of runs without a value', () => {
    expect(groupLabel('model', 'gpt-4o')).toBe('gpt-4o');
    expect(groupLabel('promptVersion', null)).toBe('(no prompt version)');
    expect(groupLabel('tag', null)).toBe('(no tag)');
    expect(groupLabel('none', 'all')).toBe('All matching runs');
  });
});
