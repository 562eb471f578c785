import { waitFor } from './harness.ts';

export interface SseEvent {
  id: number | null;
  event: string;
  data: unknown;
}

/** A Server-Sent Events client over fetch: every event it has received, in order. */
export async function openEvents(url: string, headers: Record<string, string>) {
  const abort = new AbortController();
  const res = await fetch(`${url}/api/v1/events`, { headers, signal: abort.signal });
  const events: SseEvent[] = [];
  let ended = false;
  const pump = (async () => {
    if (res.status !== 200 || !res.body) return;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const field = (name: string) =>
            block.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? null;
          const data = field('data');
          if (data === null) continue; // the retry hint, or a heartbeat comment
          const id = field('id');
          events.push({
            id: id === null ? null : Number(id),
            event: field('event') ?? 'message',
            data: JSON.parse(data),
          });
        }
      }
    } catch {
      // Aborted by close().
    } finally {
      ended = true;
    }
  })();
  return {
    res,
    events,
    get ended() {
      return ended;
    },
    next: (match: (e: SseEvent) => boolean, timeoutMs = 15_000) =>
      waitFor(() => Promise.resolve(events.find(match)), timeoutMs),
    async close() {
      abort.abort();
      await pump;
    },
  };
}
