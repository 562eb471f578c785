// Names that read like a real service provider's estate. Some carry XML-special characters
// (an ampersand, an apostrophe) on purpose: a correct client shows them literally.

import type { Rng } from './prng.ts';

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
