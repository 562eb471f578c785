import type { LifeboatEvent, Operation, SourceStatus } from '@lifeboat/shared';
import { asc, gt, lt, max, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { LOCK_SPACES, type Coordination } from '../store/coordination.ts';
import type { Database } from '../store/database.ts';
import { events } from '../store/schema.ts';
import type { PollerEvents } from './source-poller.ts';

export interface NumberedEvent {
  id: number;
  event: LifeboatEvent;
}

/** How many recent events are kept for clients that resume with Last-Event-ID. */
const KEEP = 500;
/** The channel on which the database says that events were added. */
const CHANNEL = 'lifeboat_events';
/** Events read per query when catching up. */
const READ_AT_ONCE = 500;
/** Stored events older than this are deleted: a client away longer resyncs anyway. */
const STORED_FOR_MS = 60 * 60_000;
/**
 * How often new events are looked for without being told: a notification lost with a connection
 * delays an event by this much at most.
 */
const LOOK_EVERY_MS = 5_000;

/**
 * Fans events out to every connected event-stream client of this instance, and keeps the recent
 * ones, so a client that reconnects gets what it missed (or learns it missed too much and
 * refetches everything). Events go through the database (decision 017): every instance delivers
 * every event, in one order, under one id, whichever instance published it.
 */
export class EventHub implements PollerEvents {
  /** The newest event delivered (or stored before this instance started). */
  private lastId = 0;
  /** Every event after this id is in `recent`. */
  private heldAfter = 0;
  private readonly recent: NumberedEvent[] = [];
  private readonly listeners = new Set<(e: NumberedEvent | null) => void>();
  private reading: Promise<void> = Promise.resolve();
  /** Events being stored, one after another. */
  private writing: Promise<void> = Promise.resolve();
  private ended = false;
  private timer: NodeJS.Timeout | null = null;
  private lastPrune = 0;
  /** Runs before an event is delivered: an instance that did not poll reads the change first. */
  private prepare: (event: LifeboatEvent) => Promise<void> = () => Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
  ) {}

  /** Delivers the events stored from now on, as the database announces them. */
  async start(coordination: Coordination): Promise<void> {
    const [newest] = await this.db.select({ id: max(events.id) }).from(events);
    this.lastId = this.heldAfter = newest?.id ?? 0;
    await coordination.listen(CHANNEL, () => this.readNew());
    coordination.onReset(() => this.readNew());
    this.timer = setInterval(() => this.readNew(), LOOK_EVERY_MS);
    this.timer.unref();
  }

  /** `prepare` runs before each event is delivered, one event at a time. */
  beforeDelivery(prepare: (event: LifeboatEvent) => Promise<void>): void {
    this.prepare = prepare;
  }

  /** Stores the event for every instance to deliver; committed in the order of the ids. */
  publish(event: LifeboatEvent): void {
    this.writing = this.writing
      .then(() =>
        this.db.transaction(async (tx) => {
          await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_SPACES.events}::int, 0)`);
          await tx.insert(events).values({ event });
          await tx.execute(sql`select pg_notify(${CHANNEL}, '')`);
        }),
      )
      .catch((err: unknown) => this.log.error({ err, type: event.type }, 'could not publish an event'));
  }

  /** Resolves once every event published so far is stored (before the database closes). */
  flush(): Promise<void> {
    return this.writing;
  }

  /** Reads and delivers what was stored since the last read; one read at a time, in order. */
  private readNew(): void {
    if (this.ended) return;
    this.reading = this.reading
      .then(() => this.deliverNew())
      .catch((err: unknown) => this.log.warn({ err }, 'could not read new events; trying again'));
  }

  private async deliverNew(): Promise<void> {
    for (;;) {
      const rows = await this.db
        .select({ id: events.id, event: events.event })
        .from(events)
        .where(gt(events.id, this.lastId))
        .orderBy(asc(events.id))
        .limit(READ_AT_ONCE);
      for (const { id, event } of rows) {
        await this.prepare(event as LifeboatEvent).catch((err: unknown) =>
          this.log.warn({ err }, 'could not read the change behind an event'),
        );
        this.lastId = id;
        this.deliver({ id, event: event as LifeboatEvent });
      }
      if (rows.length < READ_AT_ONCE) break;
    }
    if (Date.now() - this.lastPrune > STORED_FOR_MS / 4) {
      this.lastPrune = Date.now();
      await this.db.delete(events).where(lt(events.at, new Date(Date.now() - STORED_FOR_MS)));
    }
  }

  private deliver(numbered: NumberedEvent): void {
    this.recent.push(numbered);
    if (this.recent.length > KEEP) this.heldAfter = this.recent.shift()!.id;
    for (const l of this.listeners) l(numbered);
  }

  /**
   * The events after `lastId`, or null when this instance does not hold all of them (from before
   * it started, too old, or unknown): the client must refetch everything.
   */
  since(lastId: number): NumberedEvent[] | null {
    if (lastId <= this.heldAfter || lastId > this.lastId) return null;
    return this.recent.filter((e) => e.id > lastId);
  }

  changed(source: string, collections: string[]): void {
    this.publish({ type: 'inventory', source, collections, at: new Date().toISOString() });
  }

  health(source: SourceStatus): void {
    this.publish({ type: 'source', source, at: new Date().toISOString() });
  }

  operation(operation: Operation): void {
    this.publish({ type: 'operation', operation, at: new Date().toISOString() });
  }

  /**
   * Tells every client the server is going away (the listener gets null), so shutdown is not held
   * open, and stops reading; resolves once a read under way has ended.
   */
  async end(): Promise<void> {
    this.ended = true;
    if (this.timer) clearInterval(this.timer);
    for (const l of this.listeners) l(null);
    this.listeners.clear();
    await this.reading;
  }

  /** `listener` gets each event, and null when the server shuts down. */
  subscribe(listener: (e: NumberedEvent | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get clients(): number {
    return this.listeners.size;
  }
}
