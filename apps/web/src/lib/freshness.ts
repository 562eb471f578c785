import type { SourceHealth, SourceStatus } from '@lifeboat/shared';
import { formatAge, secondsBetween } from './format.ts';

/** The last poll failed: the source is unreachable, broken, or refused Lifeboat's sign-in. */
export function isFailing(status: SourceHealth): boolean {
  return status === 'down' || status === 'auth_failed';
}

/** How old one source's data is now (server clock, plus the time since the answer arrived). */
export interface SourceAge {
  id: string;
  status: SourceHealth;
  stale: boolean;
  /** When the source's data was fetched (server time), null when it never delivered any. */
  asOf: string | null;
  /** Null when the source has never delivered data. */
  ageSeconds: number | null;
}

/** A source whose part of the data may be out of date or missing. */
export interface SourceProblem extends SourceAge {
  error: string | null;
}

/**
 * The age of one source's data now: measured on the server's clock (`envelopeAsOf - source.asOf`)
 * plus the time since the response arrived, so a wrong clock in the browser does not matter.
 */
function sourceAge(s: SourceStatus, envelopeAsOf: string, elapsedSeconds: number): SourceAge {
  const age = secondsBetween(s.asOf, envelopeAsOf);
  return {
    id: s.id,
    status: s.status,
    stale: s.stale,
    asOf: s.asOf,
    ageSeconds: age === null ? null : Math.max(0, age) + Math.max(0, elapsedSeconds),
  };
}

/**
 * The sources of an envelope that are stale, degraded or down, with the age of their data now (as
 * `sourceAge` measures it). Disabled sources are off on purpose and not listed.
 */
export function sourceProblems(
  sources: readonly SourceStatus[],
  envelopeAsOf: string,
  elapsedSeconds = 0,
): SourceProblem[] {
  return sources
    .filter((s) => s.status !== 'disabled' && (s.stale || isFailing(s.status) || s.status === 'degraded'))
    .map((s) => ({ ...sourceAge(s, envelopeAsOf, elapsedSeconds), error: s.error?.message ?? null }));
}

const problemWords: Partial<Record<SourceHealth, string>> = {
  down: 'source down',
  auth_failed: 'sign-in refused',
  degraded: 'source degraded',
};

/** One plain sentence for a problem source, e.g. "Data from em-hq may be out of date: it is 12 min old (source down)." */
export function describeSourceProblem(problem: SourceProblem, label: string = problem.id): string {
  const age = formatAge(problem.ageSeconds);
  if (problem.status === 'down' && age === null) {
    return `No data from ${label}: the source is down, so its items are missing.`;
  }
  if (problem.status === 'auth_failed' && age === null) {
    return `No data from ${label}: it refused Lifeboat's sign-in, so its items are missing.`;
  }
  const why = problemWords[problem.status] ?? 'stale';
  return age === null
    ? `Data from ${label} may be out of date (${why}).`
    : `Data from ${label} may be out of date: it is ${age} old (${why}).`;
}

/** The age of every enabled source's data, as `sourceProblems` measures it. */
export function sourceAges(
  sources: readonly SourceStatus[],
  envelopeAsOf: string,
  elapsedSeconds = 0,
): SourceAge[] {
  return sources
    .filter((s) => s.status !== 'disabled')
    .map((s) => sourceAge(s, envelopeAsOf, elapsedSeconds));
}

/** The oldest data among the sources that have any (null when none has), for "data up to 5 min old". */
export function oldestAge(ages: readonly SourceAge[]): number | null {
  let oldest: number | null = null;
  for (const { ageSeconds } of ages) {
    if (ageSeconds !== null && (oldest === null || ageSeconds > oldest)) oldest = ageSeconds;
  }
  return oldest;
}
