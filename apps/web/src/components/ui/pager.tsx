import { useId } from 'react';
import { PAGE_SIZES } from '../../lib/url-state.ts';
import { Button } from './button.tsx';
import { Icon } from './icons.tsx';

const sizeLabel = (n: number) =>
  n >= 10_000 ? `${n.toLocaleString('en')} (scrolls)` : n.toLocaleString('en');

/** "Previous" / "Page 3 of 12" / "Next" through cursor pages, and how many rows a page holds. */
export function Pager({
  page,
  pageCount,
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
  limit,
  onLimit,
  busy = false,
}: {
  page: number;
  pageCount: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  limit: number;
  onLimit: (limit: number) => void;
  busy?: boolean;
}) {
  const id = useId();
  const sizes = PAGE_SIZES.includes(limit as (typeof PAGE_SIZES)[number])
    ? PAGE_SIZES
    : [...PAGE_SIZES, limit].sort((a, b) => a - b);
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3">
      <Button onClick={onPrevious} disabled={!hasPrevious || busy}>
        <Icon name="arrow-up" className="size-4 -rotate-90" />
        Previous
      </Button>
      <span className="text-sm text-slate-700">
        Page {page.toLocaleString('en')} of {pageCount.toLocaleString('en')}
      </span>
      <span className="flex items-center gap-2 text-sm">
        <label htmlFor={id} className="text-slate-700">
          Rows per page
        </label>
        <select
          id={id}
          value={limit}
          disabled={busy}
          onChange={(event) => onLimit(Number(event.target.value))}
          className="rounded-md border border-slate-400 bg-white px-2 py-1 text-sm"
        >
          {sizes.map((n) => (
            <option key={n} value={n}>
              {sizeLabel(n)}
            </option>
          ))}
        </select>
      </span>
      <Button onClick={onNext} disabled={!hasNext || busy}>
        Next
        <Icon name="arrow-down" className="size-4 -rotate-90" />
      </Button>
    </nav>
  );
}
