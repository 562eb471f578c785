import { describe, expect, it } from 'vitest';
import {
  hasFilters,
  pageRange,
  parseListState,
  serializeListState,
  toApiQuery,
  withFilter,
  withNextPage,
  withoutFilters,
  withPreviousPage,
  withSearch,
  withSortToggled,
  type ListSpec,
} from './url-state.ts';

const spec = {
  sorts: ['startedAt', 'planName', 'durationSeconds'],
  defaultSort: 'startedAt',
  defaultOrder: 'desc',
  firstOrder: { startedAt: 'desc', durationSeconds: 'desc' },
  filters: {
    state: { values: ['running', 'stopped'] },
    vm: { maxLength: 10 },
  },
} satisfies ListSpec<'startedAt' | 'planName' | 'durationSeconds', 'state' | 'vm'>;

const parse = (search: string) => parseListState(spec, new URLSearchParams(search));

describe('parseListState', () => {
  it('gives the defaults for an empty URL', () => {
    expect(parse('')).toEqual({
      q: '',
      filters: {},
      sort: 'startedAt',
      order: 'desc',
      limit: 50,
      cursor: null,
      prev: [],
    });
  });

  it('reads every part of the view', () => {
    expect(
      parse('q=+alpha+&state=running&vm=web01&sort=planName&order=asc&limit=20&prev=c1&prev=c2&cursor=c3'),
    ).toEqual({
      q: 'alpha',
      filters: { state: 'running', vm: 'web01' },
      sort: 'planName',
      order: 'asc',
      limit: 20,
      cursor: 'c3',
      prev: ['c1', 'c2'],
    });
  });

  it('drops what the API would reject, so a hand-edited link never becomes a 400', () => {
    const state = parse(
      `state=exploded&sort=evil&order=sideways&limit=100001&vm=${'x'.repeat(20)}&cursor=${'c'.repeat(101)}&prev=p`,
    );
    expect(state.filters.state).toBeUndefined();
    expect(state.filters.vm).toBe('x'.repeat(10));
    expect(state.sort).toBe('startedAt');
    expect(state.order).toBe('desc');
    expect(state.limit).toBe(50);
    expect(state.cursor).toBeNull();
    expect(state.prev).toEqual([]);
    expect(parse('limit=0').limit).toBe(50);
    expect(parse('limit=1.5').limit).toBe(50);
    expect(parse('limit=100000').limit).toBe(100_000);
    expect(parse('q=' + 'a'.repeat(300)).q).toHaveLength(200);
  });
});

describe('serializeListState', () => {
  it('leaves defaults out and round-trips', () => {
    expect(serializeListState(spec, parse('')).toString()).toBe('');
    const search = 'q=alpha&state=running&sort=planName&order=asc&limit=20&prev=c1&cursor=c2';
    const state = parse(search);
    expect(serializeListState(spec, state).toString()).toBe(search);
    expect(parse(serializeListState(spec, state).toString())).toEqual(state);
  });

  it('never writes history without a current cursor', () => {
    const state = { ...parse(''), prev: ['c1'] };
    expect(serializeListState(spec, state).toString()).toBe('');
  });
});

describe('toApiQuery', () => {
  it('sends only the API params, leaving out empty ones and the page history', () => {
    expect(toApiQuery(spec, parse(''))).toEqual({ sort: 'startedAt', order: 'desc', limit: '50' });
    expect(toApiQuery(spec, parse('q=a&state=stopped&prev=c1&cursor=c2'))).toEqual({
      q: 'a',
      state: 'stopped',
      sort: 'startedAt',
      order: 'desc',
      limit: '50',
      cursor: 'c2',
    });
  });
});

describe('changing the view', () => {
  it('walks forward and back through cursor pages', () => {
    const page1 = parse('state=running');
    const page2 = withNextPage(page1, 'c2');
    const page3 = withNextPage(page2, 'c3');
    expect(page3).toMatchObject({ cursor: 'c3', prev: ['c2'] });
    expect(pageRange(page3, 50)).toEqual({ page: 3, from: 101, to: 150 });
    const back2 = withPreviousPage(page3);
    expect(back2).toMatchObject({ cursor: 'c2', prev: [] });
    const back1 = withPreviousPage(back2);
    expect(back1).toMatchObject({ cursor: null, prev: [] });
    expect(withPreviousPage(back1)).toBe(back1);
    expect(pageRange(back1, 7)).toEqual({ page: 1, from: 1, to: 7 });
    expect(pageRange(back1, 0)).toEqual({ page: 1, from: 0, to: 0 });
  });

  it('goes back to the first page when search, filters or sort change', () => {
    const deep = withNextPage(withNextPage(parse(''), 'c2'), 'c3');
    expect(withSearch(deep, ' beta ')).toMatchObject({ q: 'beta', cursor: null, prev: [] });
    expect(withFilter(deep, 'state', 'running')).toMatchObject({
      filters: { state: 'running' },
      cursor: null,
    });
    expect(withFilter(parse('state=running'), 'state', undefined).filters).toEqual({});
    expect(withSortToggled(spec, deep, 'planName')).toMatchObject({
      sort: 'planName',
      order: 'asc',
      cursor: null,
    });
  });

  it('flips the order on the same column and starts a new column in its first order', () => {
    const start = parse('');
    expect(withSortToggled(spec, start, 'startedAt')).toMatchObject({ sort: 'startedAt', order: 'asc' });
    expect(withSortToggled(spec, start, 'durationSeconds')).toMatchObject({
      sort: 'durationSeconds',
      order: 'desc',
    });
    const byName = withSortToggled(spec, start, 'planName');
    expect(withSortToggled(spec, byName, 'planName')).toMatchObject({ sort: 'planName', order: 'desc' });
  });

  it('knows whether anything is filtered and clears it', () => {
    expect(hasFilters(parse('sort=planName'))).toBe(false);
    expect(hasFilters(parse('q=x'))).toBe(true);
    expect(hasFilters(parse('vm=web'))).toBe(true);
    const cleared = withoutFilters(parse('q=x&vm=web&sort=planName'));
    expect(hasFilters(cleared)).toBe(false);
    expect(cleared.sort).toBe('planName');
  });
});
