/**
 * A read that callers arriving together share, each getting one that started after it asked: so a
 * caller sees every write made before it asked, as with a read of its own, and a burst of callers
 * (every browser refetching the overview after a change) costs two reads, not one each. A caller
 * arriving while a read runs waits for it to end, then shares the next one with the others that
 * arrived meanwhile. A failed read fails the callers that shared it, and no later one.
 */
export function freshShared<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let next: Promise<T> | null = null;
  const start = (): Promise<T> => {
    const call: Promise<T> = read().finally(() => {
      if (running === call) running = null;
    });
    running = call;
    return call;
  };
  const settled = () => undefined;
  return () => {
    if (!running) return start();
    next ??= running.then(settled, settled).then(() => {
      next = null;
      return start();
    });
    return next;
  };
}
