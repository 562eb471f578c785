import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useBackToList, type ListLinkState } from '../../lib/use-back-to-list.ts';

const linkClass = 'font-medium text-sky-900 underline decoration-sky-900/40 hover:decoration-sky-900';

/**
 * A list row's link to its detail, cut to one line with the whole text in the title. It carries the
 * list's search params, so the detail's "back" link returns to this exact view.
 */
export function ItemLink({
  to,
  title,
  className = 'max-w-72',
  children,
}: {
  to: string;
  title: string;
  className?: string;
  children: ReactNode;
}) {
  const location = useLocation();
  const state: ListLinkState = { listSearch: location.search };
  return (
    <Link to={to} state={state} className={`block truncate ${linkClass} ${className}`} title={title}>
      {children}
    </Link>
  );
}

/** "Back to …" the list the user came from, as they left it. */
export function BackLink({ listPath, label }: { listPath: string; label: string }) {
  const to = useBackToList(listPath);
  return (
    <Link to={to} className="text-sm font-medium text-sky-900 underline">
      {label}
    </Link>
  );
}
