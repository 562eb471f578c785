import type { SourceStatus } from '@lifeboat/shared';
import type { ReactNode } from 'react';
import { DataAgeSummary } from '../../../components/ui/data-age.tsx';

/** What every panel of the overview needs to say how old its data is. */
export interface Freshness {
  sources: readonly SourceStatus[];
  asOf: string;
  receivedAt: number;
  sourceName: (id: string) => string;
}

/** One titled panel of the overview, with the age of the data it summarises at its foot. */
export function Panel({
  id,
  title,
  freshness,
  className = '',
  children,
}: {
  id: string;
  title: string;
  freshness: Freshness;
  className?: string;
  children: ReactNode;
}) {
  const headingId = `${id}-heading`;
  return (
    <section
      aria-labelledby={headingId}
      className={`flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4 ${className}`}
    >
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="flex-1">{children}</div>
      <DataAgeSummary {...freshness} />
    </section>
  );
}
