import type { Source, SourceError, SourceHealth, SourceStatus } from '@lifeboat/shared';
import { isUpstreamError, type Connector, type InventorySnapshot } from '@lifeboat/upstreams';
import type { Logger } from 'pino';

interface PollState {
  snapshot: InventorySnapshot | null;
  /** When the served snapshot was fetched. */
  fetchedAt: Date | null;
  lastAttemptAt: Date | null;
  lastError: SourceError | null;
  latencyMs: number | null;
}

/**
 * Polls one source on its interval and keeps its last good snapshot with its age: a failing
 * source serves stale data marked stale, never nothing. One poll at a time (single-flight), so
 * upstream load does not depend on how many browsers are looking.
 */
export class SourcePoller {
  private state: PollState = {
    snapshot: null,
    fetchedAt: null,
    lastAttemptAt: null,
    lastError: null,
    latencyMs: null,
  };
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private readonly stopping = new AbortController();
  private firstPoll: Promise<void>;
  private resolveFirst!: () => void;

  constructor(
    readonly connector: Connector,
    readonly pollSeconds: number,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.firstPoll = new Promise((r) => (this.resolveFirst = r));
  }

  get id() {
    return this.connector.settings.id;
  }

  get snapshot(): InventorySnapshot | null {
    return this.state.snapshot;
  }

  start(): void {
    const loop = () => {
      void this.pollNow().finally(() => {
        if (!this.stopping.signal.aborted) this.timer = setTimeout(loop, this.pollSeconds * 1000);
      });
    };
    loop();
  }

  /** Resolves after the first poll finished (either way), or after `maxMs`. */
  async settled(maxMs: number): Promise<void> {
    let t: NodeJS.Timeout | undefined;
    await Promise.race([this.firstPoll, new Promise<void>((r) => (t = setTimeout(r, maxMs)))]);
    clearTimeout(t);
  }

  pollNow(): Promise<void> {
    this.inFlight ??= this.poll().finally(() => {
      this.inFlight = null;
      this.resolveFirst();
    });
    return this.inFlight;
  }

  private async poll(): Promise<void> {
    const started = this.now();
    this.state.lastAttemptAt = started;
    try {
      const snapshot = await this.connector.fetchInventory(this.stopping.signal);
      this.state = {
        ...this.state,
        snapshot,
        fetchedAt: started,
        lastError: null,
        latencyMs: this.now().getTime() - started.getTime(),
      };
      if (snapshot.unreadable.count) {
        this.log.warn({ source: this.id, unreadable: snapshot.unreadable }, 'upstream sent unreadable items');
      }
    } catch (err) {
      const lastError: SourceError = isUpstreamError(err)
        ? { code: err.code, message: err.message }
        : { code: 'internal', message: 'the poll failed unexpectedly' };
      if (!isUpstreamError(err)) this.log.error({ source: this.id, err }, 'poll failed unexpectedly');
      else this.log.warn({ source: this.id, code: err.code, reason: err.message }, 'poll failed');
      this.state = { ...this.state, lastError, latencyMs: this.now().getTime() - started.getTime() };
    }
  }

  health(now = this.now()): { status: SourceHealth; stale: boolean; ageSeconds: number | null } {
    const { fetchedAt, snapshot, lastError } = this.state;
    if (!snapshot || !fetchedAt) return { status: 'down', stale: false, ageSeconds: null };
    const ageSeconds = Math.max(0, Math.round((now.getTime() - fetchedAt.getTime()) / 1000));
    // Stale: older than two poll intervals (RES-05), or the latest poll failed.
    const stale = ageSeconds > 2 * this.pollSeconds || lastError !== null;
    if (lastError) return { status: 'down', stale, ageSeconds };
    return { status: stale || snapshot.unreadable.count > 0 ? 'degraded' : 'ok', stale, ageSeconds };
  }

  describe(now = this.now()): Source {
    const { status, stale, ageSeconds } = this.health(now);
    const s = this.connector.settings;
    return {
      id: s.id,
      kind: s.kind,
      name: s.name,
      status,
      asOf: this.state.fetchedAt?.toISOString() ?? null,
      ageSeconds,
      stale,
      lastSuccessAt: this.state.fetchedAt?.toISOString() ?? null,
      lastAttemptAt: this.state.lastAttemptAt?.toISOString() ?? null,
      lastError: this.state.lastError ?? unreadableError(this.state.snapshot),
      latencyMs: this.state.latencyMs,
      pollSeconds: this.pollSeconds,
      unreadableItems: this.state.snapshot?.unreadable.count ?? 0,
    };
  }

  status(now = this.now()): SourceStatus {
    const d = this.describe(now);
    return {
      id: d.id,
      status: d.status,
      asOf: d.asOf,
      stale: d.stale,
      ...(d.lastError ? { error: d.lastError } : {}),
    };
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    if (this.timer) clearTimeout(this.timer);
    await this.inFlight?.catch(() => undefined);
    await this.connector.close();
  }
}

function unreadableError(snapshot: InventorySnapshot | null): SourceError | null {
  const u = snapshot?.unreadable;
  if (!u?.count) return null;
  return {
    code: 'unreadable_items',
    message: `${u.count} item(s) unreadable; first: ${u.firstError ?? 'unknown'}`,
  };
}
