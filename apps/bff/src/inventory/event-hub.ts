import type { LifeboatEvent, Operation, SourceStatus } from '@lifeboat/shared';
import type { PollerEvents } from './source-poller.ts';

export interface NumberedEvent {
  id: number;
  event: LifeboatEvent;
}

/** How many recent events are kept for clients that resume with Last-Event-ID. */
const KEEP = 500;

/**
 * Fans events out to every connected event-stream client and keeps the recent ones, so a client
 * that reconnects gets what it missed (or learns it missed too much and refetches everything).
 */
export class EventHub implements PollerEvents {
  /**
   * Ids start from the boot time in microseconds, so they keep rising across restarts: a client
   * resuming with an id from before a restart is told to resync instead of being replayed the
   * wrong events.
   */
  private nextId = Date.now() * 1000;
  private readonly recent: NumberedEvent[] = [];
  private readonly listeners = new Set<(e: NumberedEvent | null) => void>();

  publish(event: LifeboatEvent): void {
    const numbered = { id: this.nextId++, event };
    this.recent.push(numbered);
    if (this.recent.length > KEEP) this.recent.shift();
    for (const l of this.listeners) l(numbered);
  }

  /**
   * The events after `lastId`, or null when some of them are no longer kept (the client must
   * refetch everything).
   */
  since(lastId: number): NumberedEvent[] | null {
    if (lastId >= this.nextId) return null;
    const oldest = this.recent[0]?.id ?? this.nextId;
    if (lastId < oldest - 1) return null;
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

  /** Tells every client the server is going away (the listener gets null), so shutdown is not held open. */
  end(): void {
    for (const l of this.listeners) l(null);
    this.listeners.clear();
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
