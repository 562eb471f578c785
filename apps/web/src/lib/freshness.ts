import type { SourceHealth, SourceStatus } from '@lifeboat/shared';
import { formatAge, secondsBetween } from './format.ts';

/** A source whose part of the data may be out of date or missing. */
export interface SourceProblem {
  id: string;
  status: SourceHealth;
  stale: boolean;
  /** Age of the data served from this source, now; null when it has none. */
  ageSeconds: number | null;
  error: string | null;
}

/**
 * The sources of an envelope that are stale, degraded or down, with the age of their data now:
 * the age is measured on the server's clock (`envelopeAsOf - source.asOf`) plus the time since the
 * response arrived, so a wrong clock in the browser does not matter. Disabled sources are off on
 * purpose and not listed.
 */
export function sourceProblems(
  sources: readonly SourceStatus[],
  envelopeAsOf: string,
  elapsedSeconds = 0,
): SourceProblem[] {
  return sources
    .filter((s) => s.status !== 'disabled' && (s.stale || s.status === 'down' || s.status === 'degraded'))
    .map((s) => {
      const age = secondsBetween(s.asOf, envelopeAsOf);
      return {
        id: s.id,
        status: s.status,
        stale: s.stale,
        ageSeconds: age === null ? null : Math.max(0, age) + Math.max(0, elapsedSeconds),
        error: s.error?.message ?? null,
      };
    });
}

/** One plain sentence for a problem source, e.g. "Data from em-hq may be out of date: it is 12 min old (source down)." */
export function describeSourceProblem(problem: SourceProblem, label: string = problem.id): string {
  const age = formatAge(problem.ageSeconds);
  if (problem.status === 'down' && age === null) {
    return `No data from ${label}: the source is down, so its items are missing.`;
  }
  const why =
    problem.status === 'down' ? 'source down' : problem.status === 'degraded' ? 'source degraded' : 'stale';
  return age === null
    ? `Data from ${label} may be out of date (${why}).`
    : `Data from ${label} may be out of date: it is ${age} old (${why}).`;
}
