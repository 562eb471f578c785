import type { SourceStatus } from '@lifeboat/shared';
import { describeSourceProblem, isFailing, sourceProblems } from '../../lib/freshness.ts';
import { useSourceName } from '../../lib/source-names.tsx';
import { useNow } from '../../lib/use-now.ts';
import { Icon } from './icons.tsx';

/**
 * The line above a table when part of its data may be out of date or missing: which source, how
 * old its data is, and its last error. Renders nothing while every source is fresh.
 */
export function StaleDataNotice({
  sources,
  asOf,
  receivedAt,
}: {
  sources: readonly SourceStatus[];
  /** The envelope's `asOf` (server time of the answer). */
  asOf: string;
  /** When the answer arrived, in browser ms (TanStack Query's `dataUpdatedAt`). */
  receivedAt: number;
}) {
  const now = useNow();
  const nameOf = useSourceName();
  const elapsed = receivedAt > 0 ? Math.max(0, (now - receivedAt) / 1000) : 0;
  const problems = sourceProblems(sources, asOf, elapsed);
  if (problems.length === 0) return null;
  const anyDown = problems.some((p) => isFailing(p.status));
  return (
    <div
      className={`rounded-md border px-3 py-2 text-sm ${
        anyDown ? 'border-red-400 bg-red-50 text-red-950' : 'border-amber-400 bg-amber-50 text-amber-950'
      }`}
    >
      <ul className="space-y-1">
        {problems.map((problem) => (
          <li key={problem.id} className="flex items-start gap-2">
            <Icon
              name={problem.status === 'auth_failed' ? 'lock' : problem.status === 'down' ? 'x' : 'alert'}
              className="mt-0.5 size-4"
            />
            <span className="break-words">
              {describeSourceProblem(problem, nameOf(problem.id))}
              {problem.error ? <> Last error: {problem.error}</> : null}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
