import { useSyncExternalStore } from 'react';

/**
 * One clock for the whole page, ticking each second while anything shows an age: every age and
 * countdown moves together between fetches, from a single timer however many panels use it.
 */
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // After an idle spell the last tick is old: React re-reads the snapshot after subscribing.
  if (!timer) now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    for (const l of listeners) l();
  }, 1_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The clock's time; with no timer running (first render, server render) it is brought up to date. */
function read(): number {
  if (!timer) now = Date.now();
  return now;
}

/** The current time in ms, refreshed every second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, read, read);
}
