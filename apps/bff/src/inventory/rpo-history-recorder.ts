import { RPO_HISTORY_MAX_HOURS } from '@lifeboat/shared';
import type { Logger } from 'pino';
import type { Database } from '../store/database.ts';
import { lastRpoSampleAt, saveRpoSamples, type RpoSample } from '../store/rpo-history.ts';
import type { Inventory } from './inventory.ts';
import type { PollerEvents } from './source-poller.ts';
import { tallyRpo, type GradedVm } from './vm-rpo.ts';

/** The collections whose change can move a VM's grade. */
const RPO_COLLECTIONS = new Set(['replicaPoints', 'protectedVms']);
/** Samples are kept as far back as the API reads (30 days). */
const KEEP_MS = RPO_HISTORY_MAX_HOURS * 3_600_000;

/**
 * Samples RPO compliance (VMs per grade, overall and per tenant) into the database: after polls
 * that changed restore points, and when grades moved as points aged with nothing new polled, at
 * most once per `minIntervalMs`. It hears of changes from the pollers themselves, so only the
 * instance that polls writes.
 */
export class RpoHistoryRecorder {
  private inventory: Inventory | null = null;
  private pointsChanged = false;
  private lastAt = -Infinity;
  /** The counts last written, to skip a sample that would repeat them. */
  private lastKey: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private recheck: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly deps: { db: Database; log: Logger; minIntervalMs?: number; now?: () => Date },
  ) {}

  private get minIntervalMs() {
    return this.deps.minIntervalMs ?? 60_000;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** The pollers' events: passed on to `next`, with restore-point changes noted here. */
  watch(next: PollerEvents): PollerEvents {
    return {
      changed: (source, collections) => {
        next.changed(source, collections);
        if (!collections.some((c) => RPO_COLLECTIONS.has(c))) return;
        this.pointsChanged = true;
        this.schedule();
      },
      health: (status) => next.health(status),
    };
  }

  /** Starts sampling `inventory`, no sooner than the interval after the newest stored sample. */
  async start(inventory: Inventory): Promise<void> {
    this.lastAt = (await lastRpoSampleAt(this.deps.db))?.getTime() ?? -Infinity;
    this.inventory = inventory;
    // Grades also move while nothing new is polled (points age): look again every interval.
    this.recheck = setInterval(() => this.schedule(), this.minIntervalMs);
    this.recheck.unref();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.recheck) clearInterval(this.recheck);
    await this.writing;
  }

  /** One sample as soon as the interval since the last one allows (one pending at a time). */
  private schedule(): void {
    if (!this.inventory || this.timer || this.stopped) return;
    const wait = Math.max(0, this.lastAt + this.minIntervalMs - this.now().getTime());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.writing = this.sample().finally(() => (this.writing = null));
    }, wait);
  }

  private async sample(): Promise<void> {
    const inventory = this.inventory!;
    await inventory.settled();
    if (this.stopped) return;
    const { vms } = await inventory.vmRpo();
    // Before the first data there is nothing to grade; zeros would read as an empty estate.
    if (vms.length === 0) return;
    const samples = countByTenant(vms);
    const key = JSON.stringify(samples);
    if (!this.pointsChanged && key === this.lastKey) return;
    const at = this.now();
    this.pointsChanged = false;
    this.lastKey = key;
    this.lastAt = at.getTime();
    try {
      await saveRpoSamples(this.deps.db, at, samples, new Date(at.getTime() - KEEP_MS));
    } catch (err) {
      // The next look writes it again.
      this.lastKey = null;
      this.deps.log.error({ err }, 'could not store the RPO history sample');
    }
  }
}

/** VMs per grade: every VM (tenant null), then each tenant's; a VM of no known tenant counts only in the first. */
function countByTenant(vms: readonly GradedVm[]): RpoSample[] {
  const { all, byTenant } = tallyRpo(vms);
  return [
    { tenant: null, counts: all },
    ...[...byTenant]
      .flatMap(([tenant, counts]) => (tenant === null ? [] : [{ tenant, counts }]))
      .sort((a, b) => (a.tenant < b.tenant ? -1 : a.tenant > b.tenant ? 1 : 0)),
  ];
}
