import type { KioskLinkList } from '@lifeboat/shared';
import type { Database } from '../store/database.ts';
import { listKioskLinks as readKioskLinks, toKioskLink } from '../store/kiosk-links.ts';

/** Every kiosk link, newest first, with its state now; never a token or its hash. */
export async function listKioskLinks(db: Database, now = new Date()): Promise<KioskLinkList> {
  return { items: (await readKioskLinks(db)).map((row) => toKioskLink(row, now)) };
}
