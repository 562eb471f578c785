import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatClock,
  formatDateTime,
  formatUtc,
  formatDuration,
  formatMinutes,
  plural,
  secondsBetween,
} from './format.ts';

describe('formatAge', () => {
  it('shows seconds under a minute, then minutes, then hours and minutes', () => {
    expect(formatAge(0)).toBe('0 s');
    expect(formatAge(42)).toBe('42 s');
    expect(formatAge(60)).toBe('1 min');
    expect(formatAge(5 * 60 + 59)).toBe('5 min');
    expect(formatAge(2 * 3600 + 3 * 60 + 20)).toBe('2 h 3 min');
    expect(formatAge(3 * 3600)).toBe('3 h');
    expect(formatAge(2 * 86_400 + 4 * 3600 + 7)).toBe('2 d 4 h');
    expect(formatAge(86_400)).toBe('1 d');
  });

  it('treats negative ages (clock skew) as zero and missing ones as null', () => {
    expect(formatAge(-30)).toBe('0 s');
    expect(formatAge(null)).toBeNull();
    expect(formatAge(undefined)).toBeNull();
    expect(formatAge(Number.NaN)).toBeNull();
  });
});

describe('formatDuration', () => {
  it('keeps seconds while a run is short', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(5 * 60 + 12)).toBe('5 min 12 s');
    expect(formatDuration(5 * 60)).toBe('5 min');
    expect(formatDuration(2 * 3600 + 3 * 60 + 59)).toBe('2 h 3 min');
    expect(formatDuration(null)).toBeNull();
  });
});

describe('formatMinutes', () => {
  it('formats RPO targets', () => {
    expect(formatMinutes(15)).toBe('15 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(90)).toBe('1 h 30 min');
    expect(formatMinutes(1440)).toBe('1 d');
  });
});

describe('formatDateTime, formatClock and formatUtc', () => {
  it('renders the instant in the given zone, naming the zone, and leaves unreadable input as it is', () => {
    expect(formatDateTime('2026-11-24T10:05:09.000Z', 'en-GB', 'UTC')).toBe('24 Nov 2026, 10:05:09 UTC');
    expect(formatDateTime('2026-11-24T10:05:09.000Z', 'en-GB', 'Europe/Berlin')).toBe(
      '24 Nov 2026, 11:05:09 CET',
    );
    expect(formatDateTime('not a date', 'en-GB', 'UTC')).toBe('not a date');
  });

  it('gives the time of day with its zone for "as of", and UTC for a hover', () => {
    expect(formatClock('2026-11-24T10:05:09.000Z', 'en-GB', 'Europe/Berlin')).toBe('11:05:09 CET');
    expect(formatUtc('2026-11-24T10:05:09.000Z')).toBe('UTC 2026-11-24 10:05:09');
  });
});

describe('secondsBetween and plural', () => {
  it('measures between two instants', () => {
    expect(secondsBetween('2026-11-24T10:00:00Z', '2026-11-24T10:02:30Z')).toBe(150);
    expect(secondsBetween(null, '2026-11-24T10:02:30Z')).toBeNull();
  });
  it('pluralises with a thousands separator', () => {
    expect(plural(1, 'failover session')).toBe('1 failover session');
    expect(plural(1234, 'failover session')).toBe('1,234 failover sessions');
    expect(plural(2, 'VM', 'VMs')).toBe('2 VMs');
  });
});
