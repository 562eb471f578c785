/**
 * Ages and durations in short words: "45 s", "5 min", "2 h 3 min", "3 d 4 h".
 * Negative input (clock skew) counts as zero; non-finite input gives null.
 */
function parts(totalSeconds: number): { d: number; h: number; m: number; s: number } | null {
  if (!Number.isFinite(totalSeconds)) return null;
  const total = Math.max(0, Math.floor(totalSeconds));
  return {
    d: Math.floor(total / 86_400),
    h: Math.floor((total % 86_400) / 3_600),
    m: Math.floor((total % 3_600) / 60),
    s: total % 60,
  };
}

/** How old something is, to the minute once it is a minute old: "30 s", "5 min", "2 h 3 min". */
export function formatAge(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined) return null;
  const p = parts(seconds);
  if (!p) return null;
  if (p.d > 0) return p.h > 0 ? `${p.d} d ${p.h} h` : `${p.d} d`;
  if (p.h > 0) return p.m > 0 ? `${p.h} h ${p.m} min` : `${p.h} h`;
  if (p.m > 0) return `${p.m} min`;
  return `${p.s} s`;
}

/** How long something took, with seconds while it is short: "45 s", "5 min 12 s", "2 h 3 min". */
export function formatDuration(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined) return null;
  const p = parts(seconds);
  if (!p) return null;
  if (p.d > 0 || p.h > 0) return formatAge(seconds);
  if (p.m > 0) return p.s > 0 ? `${p.m} min ${p.s} s` : `${p.m} min`;
  return `${p.s} s`;
}

/** An RPO target given in minutes: "15 min", "1 h", "1 h 30 min", "1 d". */
export function formatMinutes(minutes: number | null | undefined): string | null {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return null;
  return formatAge(minutes * 60);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'date-time' | 'clock', locale?: string, timeZone?: string): Intl.DateTimeFormat {
  const key = `${kind}|${locale ?? ''}|${timeZone ?? ''}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      ...(kind === 'date-time' ? { year: 'numeric', month: 'short', day: '2-digit' } : {}),
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      // The zone is always named: a coordinator and the NOC may not share one.
      timeZoneName: 'short',
      ...(timeZone ? { timeZone } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

/** An ISO UTC instant in the reader's time zone (or the given one), named: "Nov 24, 2026, 11:05:09 AM GMT+1". */
export function formatDateTime(iso: string, locale?: string, timeZone?: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter('date-time', locale, timeZone).format(date);
}

/** The time of day of an instant, with its zone: "11:05:09 AM GMT+1", for "as of …". */
export function formatClock(iso: string, locale?: string, timeZone?: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter('clock', locale, timeZone).format(date);
}

/** The same instant in UTC, for a hover: "UTC 2026-11-24 10:05:09". */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `UTC ${date.toISOString().slice(0, 19).replace('T', ' ')}`;
}

/** Whole seconds between two ISO instants (b - a), or null when either is missing or unreadable. */
export function secondsBetween(a: string | null, b: string | null): number | null {
  if (!a || !b) return null;
  const ms = Date.parse(b) - Date.parse(a);
  return Number.isFinite(ms) ? Math.round(ms / 1000) : null;
}

const numberFormat = new Intl.NumberFormat('en-US');
export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** "1 failover session", "3 failover sessions". */
export function plural(n: number, one: string, many: string = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
