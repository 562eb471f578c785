import { abandoned } from './upstream-error.ts';

interface Call<T> {
  promise: Promise<T>;
  abort: AbortController;
  waiting: number;
}

/**
 * One call at a time, shared by every concurrent caller (a logon, a poll). It runs under a signal
 * of its own, aborted only once every caller waiting on it has given up: a caller that leaves gets
 * `cancelled` and never fails the others. A caller that comes after they all left starts a new
 * call, once the abandoned one has ended (it may still be finishing work it cannot undo). A caller
 * without a signal never leaves.
 */
export function sharedCall<T>(fn: (signal: AbortSignal) => Promise<T>): (signal?: AbortSignal) => Promise<T> {
  let current: Call<T> | null = null;

  const start = (after: Promise<unknown> | null): Call<T> => {
    const abort = new AbortController();
    const run = () => (abort.signal.aborted ? Promise.reject(abandoned()) : fn(abort.signal));
    const call: Call<T> = {
      abort,
      waiting: 0,
      promise: (after ? after.then(run, run) : run()).finally(() => {
        if (current === call) current = null;
      }),
    };
    return call;
  };

  return (signal) => {
    if (signal?.aborted) return Promise.reject(abandoned());
    if (!current || current.abort.signal.aborted) current = start(current?.promise ?? null);
    const call = current;
    if (!signal) {
      call.waiting = Infinity;
      return call.promise;
    }
    call.waiting++;
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        reject(abandoned());
        if (--call.waiting === 0) call.abort.abort();
      };
      signal.addEventListener('abort', leave, { once: true });
      call.promise.finally(() => signal.removeEventListener('abort', leave)).then(resolve, reject);
    });
  };
}
