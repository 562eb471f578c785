import type { EntityRef, ItemEnvelope } from '@lifeboat/shared';
import type { ReactNode } from 'react';
import { DataAge } from './data-age.tsx';
import { CodeValue, DetailField, TextValue } from './detail-fields.tsx';

/** What a detail page's summary needs to say how old the item's data is. */
export interface ItemFreshness {
  envelope: ItemEnvelope<{ ref: EntityRef }>;
  /** When the answer arrived, in browser ms (TanStack Query's `dataUpdatedAt`). */
  receivedAt: number;
  /** A source's display name by id. */
  sourceName: (id: string) => string;
}

/** One titled section of a detail page, below the summary. */
export function DetailSection({
  headingId,
  title,
  children,
}: {
  /** The heading's id, which names the section: "vms-heading". */
  headingId: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2">
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * A detail page's summary card: its fields (`DetailField`s). With `freshness`, headed "Summary" beside
 * how old the item's own source's data is; without, the heading is for screen readers only.
 */
export function SummarySection({ freshness, children }: { freshness?: ItemFreshness; children: ReactNode }) {
  return (
    <section
      aria-labelledby="summary-heading"
      className="rounded-lg border border-slate-300 bg-white px-4 py-2"
    >
      {freshness ? (
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 border-b border-slate-200 pb-2">
          <h2 id="summary-heading" className="text-lg font-semibold">
            Summary
          </h2>
          <ItemDataAge freshness={freshness} />
        </div>
      ) : (
        <h2 id="summary-heading" className="sr-only">
          Summary
        </h2>
      )}
      <dl>{children}</dl>
    </section>
  );
}

/** The age of the item's own source's data (of every source, should the envelope not list it). */
function ItemDataAge({ freshness: { envelope, receivedAt, sourceName } }: { freshness: ItemFreshness }) {
  const ownSource = envelope.sources.filter((source) => source.id === envelope.item.ref.source);
  return (
    <DataAge
      sources={ownSource.length > 0 ? ownSource : envelope.sources}
      asOf={envelope.asOf}
      receivedAt={receivedAt}
      sourceName={sourceName}
    />
  );
}

/**
 * Where an item came from: its source, the upstream's kind and id, the upstream's own words for its
 * state (`native`, in order: label to value), the upstream link, and Lifeboat's id.
 */
export function ProvenanceSection({
  item,
  native,
}: {
  item: { id: string; ref: EntityRef };
  native: Readonly<Record<string, string | null>>;
}) {
  return (
    <DetailSection headingId="provenance-heading" title="Provenance">
      <dl className="rounded-lg border border-slate-300 bg-white px-4 py-2">
        <DetailField label="Source">
          <CodeValue value={item.ref.source} />
        </DetailField>
        <DetailField label="Native kind">
          <CodeValue value={item.ref.kind} />
        </DetailField>
        <DetailField label="Native id">
          <CodeValue value={item.ref.nativeId} />
        </DetailField>
        {Object.entries(native).map(([label, value]) => (
          <DetailField key={label} label={label}>
            <TextValue value={value} />
          </DetailField>
        ))}
        {/* Shown as text only: upstream links are never followed from the browser (SEC-22). */}
        <DetailField label="Upstream link">
          <CodeValue value={item.ref.href} />
        </DetailField>
        <DetailField label="Lifeboat id">
          <CodeValue value={item.id} />
        </DetailField>
      </dl>
    </DetailSection>
  );
}
