import type { FailoverSession, Source, SourceStatus } from '@lifeboat/shared';
import type { Collections, InventorySnapshot } from '@lifeboat/upstreams';
import type { EventHub } from './event-hub.ts';
import type { SourcePoller } from './source-poller.ts';
import { rpoTargetResolver, type RpoTargetResolver, type RpoTargets } from './rpo-targets.ts';
import { gradeVmsEachSecond, type Graded } from './graded-each-second.ts';
import { latestPointPerVm, type VmLatest } from './vm-rpo.ts';

/** How long a list request waits for a source's first poll after boot before answering. */
const FIRST_POLL_WAIT_MS = 5_000;
/** A live re-read of one running session serves every viewer for this long after it settles. */
const DETAIL_TTL_MS = 3_000;
/** A viewer waits this long for a live re-read before the last poll's copy is served instead. */
const DETAIL_WAIT_MS = 1_500;

type Listed = Exclude<keyof Collections, 'protectedVms'>;

/**
 * The merged view over every source's last good snapshot. Routes read from here (through
 * actions); only pollers talk to upstreams. Merged lists are rebuilt only when a snapshot changes.
 */
export class Inventory {
  private readonly cache = new Map<string, { snaps: unknown[]; value: unknown }>();
  private readonly details = new Map<string, { settledAt: number | null; value: Promise<FailoverSession> }>();
  private firstPolls: Promise<void> = Promise.resolve();
  /** Each VM's RPO target from the configuration (the most specific that names it). */
  readonly rpoTargetOf: RpoTargetResolver;
  private readonly gradeVms = gradeVmsEachSecond();

  constructor(
    private readonly pollers: SourcePoller[],
    readonly events: EventHub,
    rpoTargets: RpoTargets,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.rpoTargetOf = rpoTargetResolver(rpoTargets);
  }

  /**
   * Restores every source's stored last good data, then starts polling. An event about a source
   * that another instance polls is delivered once this instance has read the change.
   */
  async start(): Promise<void> {
    this.events.beforeDelivery(async (e) => {
      const source = e.type === 'inventory' ? e.source : e.type === 'source' ? e.source.id : null;
      if (source) await this.poller(source)?.follow();
    });
    await Promise.all(this.pollers.map((p) => p.restore()));
    for (const p of this.pollers) p.start();
    // Sources with stored data serve it at once; the others get one bounded wait, shared by every request.
    const waiting = this.pollers.filter((p) => !p.snapshot);
    let timer: NodeJS.Timeout | undefined;
    this.firstPolls = Promise.race([
      Promise.all(waiting.map((p) => p.firstPollDone)).then(() => undefined),
      new Promise<void>((r) => (timer = setTimeout(r, FIRST_POLL_WAIT_MS))),
    ]).finally(() => clearTimeout(timer));
  }

  async stop(): Promise<void> {
    await Promise.all(this.pollers.map((p) => p.stop()));
  }

  /**
   * Waits for the first poll of every source that had no stored data, at most FIRST_POLL_WAIT_MS
   * after boot in all, so the first page after boot is not empty for nothing nor slow for long.
   */
  settled(): Promise<void> {
    return this.firstPolls;
  }

  sources(): Source[] {
    const now = this.now();
    return this.pollers.map((p) => p.describe(now));
  }

  statuses(): SourceStatus[] {
    const now = this.now();
    return this.pollers.map((p) => p.status(now));
  }

  /** Each source's polls since start, by outcome, and whether this instance polls it now. */
  pollCounts(): { source: string; outcomes: ReadonlyMap<string, number>; polling: boolean }[] {
    return this.pollers.map((p) => ({ source: p.id, outcomes: p.pollOutcomes(), polling: p.polling }));
  }

  poller(sourceId: string): SourcePoller | undefined {
    return this.pollers.find((p) => p.id === sourceId);
  }

  /** One entity collection merged over every source. */
  list<K extends Listed>(name: K): Collections[K] {
    return this.memo(name, (snaps) => {
      const parts = snaps.flatMap((s) => (s?.[name]?.length ? [s[name] as unknown[]] : []));
      // One source's array as it is (snapshots never change): a million items are not copied.
      return parts.length === 1 ? parts[0]! : parts.flat();
    }) as Collections[K];
  }

  /**
   * One session re-read from its upstream, shared by every viewer: one upstream call at a time
   * per session, and a viewer waits at most a short while before the polled copy is served, so
   * a hanging upstream never holds a page for its full timeout.
   */
  async liveFailoverSession(poller: SourcePoller, polled: FailoverSession): Promise<FailoverSession> {
    const { connector } = poller;
    if (!connector.getFailoverSession) return polled;
    const now = Date.now();
    for (const [k, v] of this.details)
      if (v.settledAt !== null && now - v.settledAt >= DETAIL_TTL_MS) this.details.delete(k);
    const key = JSON.stringify([poller.id, polled.ref.nativeId]);
    let entry = this.details.get(key);
    if (!entry) {
      const value = connector.getFailoverSession(polled.ref.nativeId);
      const created = { settledAt: null as number | null, value };
      void value.then(
        () => (created.settledAt = Date.now()),
        () => this.details.delete(key),
      );
      this.details.set(key, created);
      entry = created;
    }
    let timer: NodeJS.Timeout | undefined;
    const fallback = new Promise<FailoverSession>(
      (r) => (timer = setTimeout(() => r(polled), DETAIL_WAIT_MS)),
    );
    try {
      return await Promise.race([entry.value.catch(() => polled), fallback]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Each VM's latest point, found once per set of snapshots; `vmRpo()[i]` grades `vmLatest()[i]`. */
  vmLatest(): Promise<VmLatest[]> {
    return this.memo('vmLatest', () =>
      latestPointPerVm(
        this.list('replicaPoints'),
        this.pollers.flatMap((p) => (p.snapshot?.protectedVms ?? []).map((vm) => ({ ...vm, source: p.id }))),
      ),
    );
  }

  /**
   * Each VM's RPO graded at most a second ago (`at`), its age left to the answer (`withAge`);
   * `vms[i]` is graded from `basis[i]`.
   */
  async vmRpo(): Promise<Graded & { basis: VmLatest[] }> {
    const basis = await this.vmLatest();
    const { vms, at } = await this.gradeVms(basis, this.rpoTargetOf, this.now());
    return { vms, at, basis };
  }

  /**
   * A value derived from the snapshots, recomputed only when a poll replaced one of them. `name`
   * is one per value across callers (the lists' names, `vmLatest`, the overview's).
   */
  memo<T>(name: string, compute: (snaps: (InventorySnapshot | null)[]) => T): T {
    const snaps = this.pollers.map((p) => p.snapshot);
    const hit = this.cache.get(name);
    if (hit && hit.snaps.every((s, i) => s === snaps[i])) return hit.value as T;
    const value = compute(snaps);
    this.cache.set(name, { snaps, value });
    return value;
  }
}
