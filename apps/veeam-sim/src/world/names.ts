// Names that read like a real service provider's estate. Some carry XML-special characters
// (an ampersand, an apostrophe) on purpose: a correct client shows them literally.

import type { WorldData } from './generate-world.ts';
import type { Rng } from './prng.ts';
import { createRestorePoints } from './restore-points.ts';
import type { FailoverSession } from './types.ts';

const COMPANIES = [
  'ABC Company',
  'UCM Company',
  'Northwind Traders',
  'Contoso',
  'Fabrikam',
  'Tailspin Toys',
  'Woodgrove Bank',
  'Adventure Works',
  'Litware',
  'Proseware',
  'Wide World Importers',
  'Alpine Ski House',
  'Coho Winery',
  'Fourth Coffee',
  'Lamna Healthcare',
  "Margie's Travel",
  'Trey Research',
  'Blue Yonder Airlines',
  'Humongous Insurance',
  'Lucerne Publishing',
  'Relecloud',
  'VanArsdel',
  'Wingtip Toys',
  'A. Datum Corporation',
  'City Power & Light',
  'Consolidated Messenger',
  'Graphic Design Institute',
  'Southridge Video',
  'Bellows College',
  'First Up Consultants',
] as const;

/** Workloads a tenant replicates, each with the host-name prefix of its VMs. */
export const WORKLOADS = [
  { name: 'Servers', vmPrefix: 'srv' },
  { name: 'CRM', vmPrefix: 'crm' },
  { name: 'Web', vmPrefix: 'apache' },
  { name: 'SQL', vmPrefix: 'sql' },
  { name: 'File Services', vmPrefix: 'filesrv' },
  { name: 'Exchange', vmPrefix: 'exch' },
  { name: 'ERP', vmPrefix: 'erp' },
  { name: 'Apps', vmPrefix: 'app' },
] as const;

/** Real Veeam Backup & Replication builds. */
const VBR_VERSIONS = ['12.3.1.1139', '12.3.0.310', '12.2.0.334', '12.1.2.172'] as const;

/** `count` distinct company names in a seed-dependent order; repeats get a number ("Contoso 2"). */
export function companyNames(rng: Rng, count: number): string[] {
  const order = rng.shuffle(COMPANIES);
  return Array.from({ length: count }, (_, i) => {
    const base = order[i % order.length] as string;
    const round = Math.floor(i / order.length);
    return round === 0 ? base : `${base} ${round + 1}`;
  });
}

export function backupServerName(index: number): string {
  return `vbr${String(index + 1).padStart(2, '0')}.tech.local`;
}

export function vbrVersion(rng: Rng): string {
  return rng.pick(VBR_VERSIONS);
}

/** Hands out VM host names per prefix: srv01, srv02, ... (unique across the world). */
export function createVmNamer(): (prefix: string) => string {
  const counters = new Map<string, number>();
  return (prefix) => {
    const next = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, next);
    return `${prefix}${String(next).padStart(2, '0')}`;
  };
}

/**
 * The hostile strings of security-and-resilience.md §7.3: markup and script URLs (XSS), spreadsheet
 * formulas (CSV injection), a bidi override and a zero-width joiner (spoofing), a forged log line
 * and a terminal escape (log injection), a 10,000-character name (layout), emoji with combining
 * marks, and a legitimate name full of XML specials.
 */
export const HOSTILE_NAMES = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '=HYPERLINK("http://evil","x")',
  "=cmd|' /C calc'!A0",
  'invoice\u202Efdp.exe',
  'adm\u200Din',
  '\r\n{"level":"info","event":"fake"}',
  '\x1b[31mALERT\x1b[0m',
  'W'.repeat(10_000),
  '\u{1F525}\u{1F4BE} Z\u0351\u0364a\u0306\u0308l\u0334g\u0315o \u{1F468}\u200D\u{1F469}\u200D\u{1F467}',
  'R&D <Prod>',
] as const;

/** The first failed session's FailureMessage in a world with hostile names. */
export const HOSTILE_FAILURE_MESSAGE = `Failed to power on ${HOSTILE_NAMES[1]}${HOSTILE_NAMES[8]}`;

/**
 * Where each kind starts in HOSTILE_NAMES. Every other item of a kind is renamed, so the small
 * world (12 VMs, 5 jobs, 5 or 6 plans, 3 tenants) renames 6 VMs, 3 plans, 3 jobs and 2 tenants,
 * and these starts make those 14 names cover all 13 strings.
 */
const HOSTILE_START = { vms: 0, plans: 6, jobs: 9, tenants: 12 } as const;

/**
 * The same world with hostile display names on a deterministic subset: the items at even indices,
 * at most one of each string per kind, so names stay unique within a kind. Ids and structure do
 * not change, nor do texts derived from the old names (job and plan names built from a tenant's,
 * session messages naming a VM). The world makes it on first use and switches between it and the
 * plain data at run time (World.setHostileNames).
 */
export function withHostileNames(data: WorldData, seed: number): WorldData {
  const rename = <T extends { index: number; name: string }>(items: readonly T[], start: number): T[] =>
    items.map((item) => {
      const nth = item.index / 2;
      if (!Number.isInteger(nth) || nth >= HOSTILE_NAMES.length) return item;
      return { ...item, name: HOSTILE_NAMES[(start + nth) % HOSTILE_NAMES.length] as string };
    });
  const vms = rename(data.vms, HOSTILE_START.vms);
  const jobs = rename(data.jobs, HOSTILE_START.jobs);
  const firstFailed = data.sessions.find((session) => session.failureMessage !== undefined);
  return {
    ...data,
    tenants: rename(data.tenants, HOSTILE_START.tenants),
    jobs,
    vms,
    plans: rename(data.plans, HOSTILE_START.plans),
    sessions: data.sessions.map((session): FailoverSession =>
      session === firstFailed ? { ...session, failureMessage: HOSTILE_FAILURE_MESSAGE } : session,
    ),
    // Restore points carry their VM and job: rebuilt (they are computed, not stored) to show the new names.
    points: createRestorePoints(seed, vms, jobs),
  };
}
