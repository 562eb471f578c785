import { Button } from './button.tsx';
import { Icon } from './icons.tsx';

/** "Previous" / "Next" through cursor pages. */
export function Pager({
  page,
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
  busy = false,
}: {
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  busy?: boolean;
}) {
  if (!hasPrevious && !hasNext) return null;
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-3">
      <Button onClick={onPrevious} disabled={!hasPrevious || busy}>
        <Icon name="arrow-up" className="size-4 -rotate-90" />
        Previous
      </Button>
      <span className="text-sm text-slate-700">Page {page}</span>
      <Button onClick={onNext} disabled={!hasNext || busy}>
        Next
        <Icon name="arrow-down" className="size-4 -rotate-90" />
      </Button>
    </nav>
  );
}
