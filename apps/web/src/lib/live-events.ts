/**
 * One Server-Sent Events stream, kept open: the browser's EventSource reconnects by itself after a
 * network break (resuming with Last-Event-ID); when it gives up (an HTTP error, a wrong content
 * type), this reopens it after a growing pause. Event data is JSON; anything else is ignored.
 */

/** connecting: not open yet; open: events flow; reconnecting: the stream broke and is being reopened. */
export type StreamStatus = 'connecting' | 'open' | 'reconnecting';

/** The part of the browser's EventSource this module uses (a fake one in tests). */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

/** EventSource.CLOSED: the browser will not reconnect this one by itself. */
const CLOSED = 2;

export interface EventStreamOptions {
  url: string;
  /** The `event:` names to listen to. */
  eventTypes: readonly string[];
  /** Each event's type and its parsed JSON data. */
  onEvent: (type: string, data: unknown) => void;
  onStatus?: (status: StreamStatus) => void;
  /** The stream is open again after a break: events may have been missed meanwhile. */
  onReconnect?: () => void;
  createEventSource?: (url: string) => EventSourceLike;
  /** The pause before reopening a stream the browser gave up on; it doubles up to `maxRetryMs`. */
  firstRetryMs?: number;
  maxRetryMs?: number;
}

function parseData(data: unknown): unknown {
  if (typeof data !== 'string') return undefined;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}

/** Opens the stream; the function returned closes it for good. */
export function connectEventStream(options: EventStreamOptions): () => void {
  const create = options.createEventSource ?? ((url: string) => new EventSource(url));
  const firstRetryMs = options.firstRetryMs ?? 5_000;
  const maxRetryMs = options.maxRetryMs ?? 60_000;

  let source: EventSourceLike | null = null;
  let closed = false;
  let broken = false;
  let retryMs = firstRetryMs;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const setStatus = (status: StreamStatus) => options.onStatus?.(status);

  function open() {
    const current = create(options.url);
    source = current;
    current.addEventListener('open', () => {
      if (closed || source !== current) return;
      retryMs = firstRetryMs;
      setStatus('open');
      if (broken) {
        broken = false;
        options.onReconnect?.();
      }
    });
    current.addEventListener('error', () => {
      if (closed || source !== current) return;
      broken = true;
      setStatus('reconnecting');
      if (current.readyState === CLOSED) {
        // The browser gave up on this one (an HTTP error, say): open a new one after a pause.
        current.close();
        clearTimeout(retryTimer);
        retryTimer = setTimeout(open, retryMs);
        retryMs = Math.min(retryMs * 2, maxRetryMs);
      }
    });
    for (const type of options.eventTypes) {
      current.addEventListener(type, (event) => {
        if (closed || source !== current) return;
        const data = parseData(event.data);
        if (data !== undefined) options.onEvent(type, data);
      });
    }
  }

  setStatus('connecting');
  open();

  return () => {
    closed = true;
    clearTimeout(retryTimer);
    source?.close();
    source = null;
  };
}
