import type { ListEnvelope } from '@lifeboat/shared';
import { describe, expect, it } from 'vitest';
import { listQueryOptions, SHARED_UP_TO } from './list-query.ts';

const page = (n: number): ListEnvelope<{ id: string; name: string }> => ({
  items: Array.from({ length: n }, (_, i) => ({ id: `i${i}`, name: `vm-${i}` })),
  total: n,
  nextCursor: null,
  asOf: '2026-11-30T12:00:00.000Z',
  sources: [],
});

describe('a list page refetched', () => {
  const { structuralSharing } = listQueryOptions(['list'], () => Promise.resolve(page(1)));
  const share = structuralSharing as (old: unknown, next: unknown) => unknown;

  it('keeps the unchanged items of a usual page, so their rows do not render again', () => {
    const old = page(50);
    const next = page(50);
    next.items[3] = { id: 'i3', name: 'renamed' };
    const kept = share(old, next) as typeof old;
    expect(kept.items[0]).toBe(old.items[0]);
    expect(kept.items[3]).toEqual({ id: 'i3', name: 'renamed' });
  });

  it('takes a page of thousands whole, without comparing it item by item', () => {
    const old = page(SHARED_UP_TO + 1);
    const next = page(SHARED_UP_TO + 1);
    expect(share(old, next)).toBe(next);
  });
});
