import type { FailoverSession, ReplicaPoint, Source, SourceStatus, VmRpo } from '@lifeboat/shared';
import type { InventorySnapshot } from '@lifeboat/upstreams';
import type { SourcePoller } from './source-poller.ts';
import { gradeVms, latestPointPerVm } from './vm-rpo.ts';

/** How long a list request waits for a source's first poll after boot before answering. */
const FIRST_POLL_WAIT_MS = 5_000;
/** A live re-read of one running session serves every viewer for this long. */
const DETAIL_TTL_MS = 3_000;

/**
 * The merged view over every source's last good snapshot. Routes read from here; only pollers
 * talk to upstreams. Merged lists are rebuilt only when a snapshot changes.
 */
export class Inventory {
  private readonly cache = new Map<string, { snaps: unknown[]; value: unknown }>();
  private readonly details = new Map<string, { at: number; value: Promise<FailoverSession> }>();

  constructor(
    private readonly pollers: SourcePoller[],
    private readonly rpoTargetMinutes: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): void {
    for (const p of this.pollers) p.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.pollers.map((p) => p.stop()));
  }

  /** Waits (bounded) for every source's first poll, so the first page after boot is not empty for nothing. */
  async settled(): Promise<void> {
    await Promise.all(this.pollers.map((p) => p.settled(FIRST_POLL_WAIT_MS)));
  }

  sources(): Source[] {
    const now = this.now();
    return this.pollers.map((p) => p.describe(now));
  }

  statuses(): SourceStatus[] {
    const now = this.now();
    return this.pollers.map((p) => p.status(now));
  }

  poller(sourceId: string): SourcePoller | undefined {
    return this.pollers.find((p) => p.id === sourceId);
  }

  failoverSessions(): FailoverSession[] {
    return this.memo('failoverSessions', (snaps) => snaps.flatMap((s) => s?.failoverSessions ?? []));
  }

  replicaPoints(): ReplicaPoint[] {
    return this.memo('replicaPoints', (snaps) => snaps.flatMap((s) => s?.replicaPoints ?? []));
  }

  /**
   * One session re-read from its upstream, shared by concurrent and near-simultaneous viewers, so
   * upstream load does not grow with the number of browsers watching a run.
   */
  liveFailoverSession(poller: SourcePoller, nativeId: string): Promise<FailoverSession> | null {
    const { connector } = poller;
    if (!connector.getFailoverSession) return null;
    const now = Date.now();
    for (const [k, v] of this.details) if (now - v.at >= DETAIL_TTL_MS) this.details.delete(k);
    const key = `${poller.id}.${nativeId}`;
    const hit = this.details.get(key);
    if (hit) return hit.value;
    const value = connector.getFailoverSession(nativeId);
    this.details.set(key, { at: now, value });
    value.catch(() => this.details.delete(key));
    return value;
  }

  /** Each VM's latest point is found once per set of snapshots; only ages and grades are per request. */
  vmRpo(): VmRpo[] {
    const vms = this.memo('vmLatest', () =>
      latestPointPerVm(
        this.replicaPoints(),
        this.pollers.flatMap((p) => (p.snapshot?.protectedVms ?? []).map((vm) => ({ ...vm, source: p.id }))),
      ),
    );
    return gradeVms(vms, this.rpoTargetMinutes, this.now());
  }

  /** A value derived from the snapshots, recomputed only when a poll replaced one of them. */
  private memo<T>(name: string, compute: (snaps: (InventorySnapshot | null)[]) => T): T {
    const snaps = this.pollers.map((p) => p.snapshot);
    const hit = this.cache.get(name);
    if (hit && hit.snaps.every((s, i) => s === snaps[i])) return hit.value as T;
    const value = compute(snaps);
    this.cache.set(name, { snaps, value });
    return value;
  }
}
