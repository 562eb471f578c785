// Paging a list served from prepared orders gives exactly the pages of a plain filter, sort and
// slice: the same order (ties in list order, nulls last either way), totals and cursors.
import type { SortOrder } from '@lifeboat/shared';
import { describe, expect, it } from 'vitest';
import { listPage, sameTenant, type Filter } from '../src/actions/list-query.ts';

interface Item {
  id: number;
  name: string;
  tenant: string | null;
  size: number | null;
  at: string | null;
}

const sortKeys = {
  name: (x: Item) => x.name,
  size: (x: Item) => x.size,
  at: (x: Item) => x.at,
};
type Sort = keyof typeof sortKeys;

/** A seeded generator, so a failure can be replayed. */
function random(seed: number) {
  return () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

/** Few distinct keys, so ties are everywhere, and a share of nulls. */
function items(n: number, rnd: () => number): Item[] {
  const pick = <T>(values: T[]) => values[Math.floor(rnd() * values.length)]!;
  return Array.from({ length: n }, (_, id) => ({
    id,
    name: pick(['alpha', 'beta', 'gamma', 'Delta', 'dc01', 'dc02']),
    tenant: pick(['Acme', 'acme', 'Globex', null]),
    size: rnd() < 0.2 ? null : Math.floor(rnd() * 20),
    at: rnd() < 0.2 ? null : `2026-11-0${1 + Math.floor(rnd() * 3)}T10:00:00.000Z`,
  }));
}

interface Query {
  q?: string;
  tenant?: string;
  name?: string;
  sort: Sort;
  order: SortOrder;
}

/** The reference: filter, then a stable sort with nulls last, as the lists always did. */
function reference(all: Item[], query: Query): Item[] {
  const needle = query.q?.trim().toLowerCase();
  const key = sortKeys[query.sort];
  const dir = query.order === 'asc' ? 1 : -1;
  return all
    .filter(
      (x) =>
        (query.tenant === undefined || sameTenant(query.tenant, x.tenant)) &&
        (query.name === undefined || x.name === query.name) &&
        (!needle || [x.name, x.tenant].some((v) => v !== null && v.toLowerCase().includes(needle))),
    )
    .sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      if (ka === kb) return 0;
      if (ka === null) return 1;
      if (kb === null) return -1;
      return (ka < kb ? -1 : 1) * dir;
    });
}

/** Every page of the list, following the cursors. */
async function pages(all: Item[], query: Query, limit: number, basis?: readonly object[], keys = sortKeys) {
  const filters: Filter<Item>[] = [
    [query.tenant, (x, tenant) => sameTenant(tenant, x.tenant)],
    [query.name, (x, name) => x.name === name],
  ];
  const out = [];
  let cursor: string | undefined;
  do {
    const page = await listPage(
      all,
      {
        q: query.q,
        searchIn: (x) => [x.name, x.tenant],
        filters,
        sortKeys: keys,
        sort: query.sort,
        order: query.order,
        limit,
        cursor,
        ...(basis ? { basis: { items: basis, sorts: ['name', 'at'] as Sort[] } } : {}),
      },
      [],
      new Date(0),
    );
    out.push(page);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

describe('listPage', () => {
  it('pages exactly as a plain filter and sort would, in every order, with filters and search', async () => {
    const rnd = random(7);
    const all = items(5_000, rnd);
    const queries: Query[] = [];
    for (const sort of Object.keys(sortKeys) as Sort[])
      for (const order of ['asc', 'desc'] as const)
        for (const filter of [
          {},
          { tenant: 'ACME' },
          { name: 'dc01' },
          { q: ' DC0 ' },
          { q: 'acme', name: 'beta' },
          { q: 'nothing' },
        ])
          queries.push({ sort, order, ...filter });
    // Twice over the same array: the second time is served from what the first prepared.
    for (const round of [1, 2])
      for (const query of queries) {
        const limit = 1 + Math.floor(rnd() * 700);
        const expected = reference(all, query);
        const got = await pages(all, query, limit);
        expect(
          got.flatMap((p) => p.items.map((x) => x.id)),
          `${JSON.stringify(query)} round ${round}`,
        ).toEqual(expected.map((x) => x.id));
        expect(got.every((p) => p.total === expected.length)).toBe(true);
        expect(got.length).toBe(Math.max(1, Math.ceil(expected.length / limit)));
      }
  });

  it('serves a new array of the list as it is, not what was prepared for the old one', async () => {
    const rnd = random(11);
    const before = items(1_000, rnd);
    const query: Query = { sort: 'size', order: 'desc', tenant: 'globex' };
    await pages(before, query, 50);
    const after = [...before.slice(500), ...items(300, rnd).map((x) => ({ ...x, id: x.id + 1_000 }))];
    expect((await pages(after, query, 50)).flatMap((p) => p.items)).toEqual(reference(after, query));
  });

  it('sorts lists made anew from one basis once, and pages each exactly as a plain sort', async () => {
    const rnd = random(13);
    const basis = items(3_000, rnd);
    // As the RPO list is graded anew when a grade changes: new items, the same names, other sizes.
    const graded = (second: number) =>
      basis.map((x) => ({ ...x, size: x.size === null ? null : (x.size * (second + 1)) % 23 }));
    let nameKeys = 0;
    const keys = { ...sortKeys, name: (x: Item) => (nameKeys++, x.name) };
    for (const second of [0, 1, 2]) {
      const all = graded(second);
      for (const query of [
        { sort: 'name', order: 'desc', q: 'a' },
        { sort: 'size', order: 'asc', tenant: 'acme' },
      ] satisfies Query[])
        expect((await pages(all, query, 97, basis, keys)).flatMap((p) => p.items)).toEqual(
          reference(all, query),
        );
    }
    // The order by name was sorted for the first list only; the order by size for each.
    expect(nameKeys).toBe(basis.length);
  });

  it('answers the envelope and cursor format it always did', async () => {
    const all = items(120, random(3));
    const first = await listPage(
      all,
      { searchIn: () => [], filters: [], sortKeys, sort: 'name', order: 'asc', limit: 50 },
      [],
      new Date('2026-11-24T10:00:00.000Z'),
    );
    expect({ ...first, items: first.items.length }).toEqual({
      items: 50,
      total: 120,
      nextCursor: Buffer.from('o:50').toString('base64url'),
      asOf: '2026-11-24T10:00:00.000Z',
      sources: [],
    });
  });
});
