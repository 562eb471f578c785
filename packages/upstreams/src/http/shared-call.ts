import { abandoned } from './read-policy.ts';

/**
 * One call shared by every concurrent caller (a logon, a poll). It runs under a signal of its own,
 * aborted only once every caller waiting on it has given up: a caller that leaves gets `cancelled`
 * and never fails the others, and a caller that comes after they all left starts a new call.
 * A caller without a signal never leaves.
 */
export function sharedCall<T>(fn: (signal: AbortSignal) => Promise<T>): (signal?: AbortSignal) => Promise<T> {
  let current: { promise: Promise<T>; abort: AbortController; waiting: number } | null = null;
  return (signal) => {
    if (signal?.aborted) return Promise.reject(abandoned());
    if (!current) {
      const abort = new AbortController();
      const call = {
        abort,
        waiting: 0,
        promise: fn(abort.signal).finally(() => {
          if (current === call) current = null;
        }),
      };
      current = call;
    }
    const call = current;
    if (!signal) {
      call.waiting = Infinity;
      return call.promise;
    }
    call.waiting++;
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        reject(abandoned());
        if (--call.waiting > 0) return;
        if (current === call) current = null;
        call.abort.abort();
      };
      signal.addEventListener('abort', leave, { once: true });
      call.promise.finally(() => signal.removeEventListener('abort', leave)).then(resolve, reject);
    });
  };
}
