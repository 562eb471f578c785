import type { SourceStatus } from '@lifeboat/shared';
import { formatAge, formatClock } from '../../lib/format.ts';
import { oldestAge, sourceAges, type SourceAge } from '../../lib/freshness.ts';
import { useSourceName } from '../../lib/source-names.tsx';
import { useNow } from '../../lib/use-now.ts';
import { Icon } from './icons.tsx';

type Props = {
  sources: readonly SourceStatus[];
  /** The answer's `asOf` (server time). */
  asOf: string;
  /** When the answer arrived, in browser ms (TanStack Query's `dataUpdatedAt`). */
  receivedAt: number;
  /** A source's display name; the names the page was given by default. */
  sourceName?: (id: string) => string;
};

function useAges({ sources, asOf, receivedAt }: Props): SourceAge[] {
  const now = useNow();
  const elapsed = receivedAt > 0 ? Math.max(0, (now - receivedAt) / 1000) : 0;
  return sourceAges(sources, asOf, elapsed);
}

const lineClass = 'flex flex-wrap items-center gap-x-1.5 gap-y-0.5 text-xs text-slate-700';

function oneSource(age: SourceAge, name: string): string {
  const text = formatAge(age.ageSeconds);
  const asOf = age.asOf ? ` (as of ${formatClock(age.asOf)})` : '';
  return `${name}: ${text === null ? 'no data yet' : `data ${text} old${asOf}`}${age.stale ? ', stale' : ''}`;
}

/** How old each source's data behind a panel is: "HQ Enterprise Manager: data 2 min old". */
export function DataAge(props: Props) {
  const ages = useAges(props);
  const contextName = useSourceName();
  const name = props.sourceName ?? contextName;
  if (ages.length === 0) return null;
  return (
    <p className={lineClass}>
      <Icon name="clock" className="size-3.5" />
      {ages.map((age, i) => (
        <span key={age.id} className={age.stale ? 'font-semibold text-amber-950' : undefined}>
          {oneSource(age, name(age.id))}
          {i < ages.length - 1 ? ';' : ''}
        </span>
      ))}
    </p>
  );
}

/**
 * The age of the oldest data behind a summary built from every source, and which sources are
 * stale: "Data up to 3 min old (stale: DR Enterprise Manager)". Each source's own age is in the title.
 */
export function DataAgeSummary(props: Props) {
  const ages = useAges(props);
  const contextName = useSourceName();
  const name = props.sourceName ?? contextName;
  if (ages.length === 0) return null;
  const oldestSeconds = oldestAge(ages);
  const oldest = formatAge(oldestSeconds);
  const oldestAsOf = ages.find((a) => a.ageSeconds === oldestSeconds)?.asOf;
  const stale = ages.filter((age) => age.stale).map((age) => name(age.id));
  return (
    <p className={lineClass} title={ages.map((age) => oneSource(age, name(age.id))).join('\n')}>
      <Icon name="clock" className="size-3.5" />
      <span>
        {oldest === null
          ? 'No data yet'
          : `Data up to ${oldest} old${oldestAsOf ? ` (as of ${formatClock(oldestAsOf)})` : ''}`}
      </span>
      {stale.length > 0 ? (
        <span className="font-semibold text-amber-950">(stale: {stale.join(', ')})</span>
      ) : null}
    </p>
  );
}
