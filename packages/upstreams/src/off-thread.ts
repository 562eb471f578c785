import { Worker } from 'node:worker_threads';
import { isUpstreamError, UpstreamError, type UpstreamErrorCode } from './http/upstream-error.ts';
import { jobs, type JobName, type Jobs } from './off-thread-jobs.ts';

/** Runs the named jobs somewhere other than the thread that serves requests, where it can. */
export interface OffThread {
  /** A byte array argument that owns its buffer is moved to a worker: the caller reads it no more. */
  run<K extends JobName>(job: K, ...args: Parameters<Jobs[K]>): Promise<ReturnType<Jobs[K]>>;
  /** The worker threads running now. */
  threads(): number;
  close(): Promise<void>;
}

/** A job's failure as a worker posts it: an UpstreamError keeps its code and status. */
export interface JobFailure {
  message: string;
  upstream: { code: UpstreamErrorCode; status: number | undefined } | null;
}

export type JobRequest = { id: number; job: JobName; args: unknown[] };
export type JobAnswer = { id: number; value: unknown } | { id: number; failure: JobFailure };

/** Runs a job here; what a worker runs for each request. */
export function runJob(job: JobName, args: unknown[]): unknown {
  return (jobs[job] as (...a: unknown[]) => unknown)(...args);
}

export function failureOf(err: unknown): JobFailure {
  return {
    message: err instanceof Error ? err.message : String(err),
    upstream: isUpstreamError(err) ? { code: err.code, status: err.status } : null,
  };
}

function errorOf(f: JobFailure): Error {
  return f.upstream ? new UpstreamError(f.upstream.code, f.message, f.upstream.status) : new Error(f.message);
}

/**
 * The buffers of a job's byte arrays that own the whole of their buffer: moved to the worker rather
 * than copied (a page's bytes are not read here again), so they read empty here afterwards. A view
 * of a shared buffer, such as Node's Buffer pool, is copied.
 */
function movable(args: unknown[]): ArrayBuffer[] {
  return args.flatMap((a) =>
    a instanceof Uint8Array &&
    a.buffer instanceof ArrayBuffer &&
    a.byteOffset === 0 &&
    a.byteLength === a.buffer.byteLength
      ? [a.buffer]
      : [],
  );
}

/**
 * Jobs run on the calling thread: where there is no worker (`upstreamWorkers` 0, or run from source
 * unbuilt). The answer is a copy, as from a worker, so that what is kept of it holds no slice of
 * the page it was read from.
 */
export const onThisThread: OffThread = {
  // A job that throws gives a rejected promise, as from a worker.
  run: (job, ...args) => new Promise((resolve) => resolve(structuredClone(runJob(job, args)) as never)),
  threads: () => 0,
  close: () => Promise.resolve(),
};

interface PoolWorker {
  worker: Worker;
  pending: Map<number, { resolve: (v: never) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>;
  /** Fails its jobs and ends it: it gave no answer in time. */
  stuck: () => void;
  /** Ends it when it has had no job for `idleMs`. */
  idle: NodeJS.Timeout | null;
  /** A job of it settled: with none left, its idle time starts. */
  settled: () => void;
}

/** Heap of one worker: far above a page's needs (a body is capped), far below the process's. */
const WORKER_HEAP_MB = 512;
/** A page is read in tens of milliseconds: a worker silent this long is stuck, and is replaced. */
const JOB_TIMEOUT_MS = 60_000;
/**
 * A worker with no job this long ends, giving back the heap a large read left it (about 45 MB
 * after a million points); the next job starts another, in tens of milliseconds.
 */
const IDLE_MS = 15_000;

/**
 * `size` worker threads running `file` (the bundled `upstream-worker.ts`); each job goes to the least
 * busy. A worker that dies (a page too big for its heap, a crash) or does not answer a job within
 * `jobTimeoutMs` fails the jobs it held, as unreadable answers (jobs queued behind the page that
 * stopped it too), and is replaced at the next job: a poll never waits on it for ever.
 */
export function startWorkerPool(
  file: URL,
  size: number,
  { heapMb = WORKER_HEAP_MB, jobTimeoutMs = JOB_TIMEOUT_MS, idleMs = IDLE_MS } = {},
): OffThread {
  const slots: (PoolWorker | null)[] = Array.from({ length: Math.max(1, size) }, () => null);
  let nextId = 0;
  let closed = false;

  const spawn = (slot: number): PoolWorker => {
    const worker = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    // The pool never keeps the process alive; close() ends the workers when the BFF stops.
    worker.unref();
    const w: PoolWorker = { worker, pending: new Map(), idle: null, stuck, settled };
    const failAll = (why: string) => {
      for (const p of w.pending.values()) {
        clearTimeout(p.timer);
        p.reject(new UpstreamError('malformed_response', `the answer could not be read: ${why}`));
      }
      w.pending.clear();
      if (slots[slot] === w) slots[slot] = null;
    };
    /** Fails the jobs it holds (if any), frees its slot and ends it. */
    const end = (why: string) => {
      failAll(why);
      void worker.terminate();
    };
    function stuck() {
      end(`its reading thread gave no answer in ${Math.round(jobTimeoutMs / 1000)} s`);
    }
    function settled() {
      if (w.pending.size > 0) return;
      w.idle = setTimeout(() => end('idle'), idleMs);
      w.idle.unref();
    }
    worker.on('message', (answer: JobAnswer) => {
      const p = w.pending.get(answer.id);
      if (!p) return;
      clearTimeout(p.timer);
      w.pending.delete(answer.id);
      settled();
      if ('failure' in answer) p.reject(errorOf(answer.failure));
      else p.resolve(answer.value as never);
    });
    worker.on('error', (err) => failAll(err.message));
    // An answer that cannot be read back: its job would otherwise never settle. The worker goes on
    // running, so it is ended.
    worker.on('messageerror', (err) => end(err.message));
    worker.on('exit', (code) => failAll(`its reading thread stopped (exit code ${code})`));
    return w;
  };

  return {
    run(job, ...args) {
      if (closed) return Promise.reject(new Error('the worker pool is closed'));
      let slot = 0;
      for (let i = 1; i < slots.length; i++)
        if ((slots[i]?.pending.size ?? 0) < (slots[slot]?.pending.size ?? 0)) slot = i;
      const w = (slots[slot] ??= spawn(slot));
      if (w.idle) clearTimeout(w.idle);
      w.idle = null;
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => w.stuck(), jobTimeoutMs);
        timer.unref();
        w.pending.set(id, { resolve, reject, timer });
        try {
          w.worker.postMessage({ id, job, args } satisfies JobRequest, movable(args));
        } catch (err) {
          clearTimeout(timer);
          w.pending.delete(id);
          w.settled();
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
    },
    threads: () => slots.filter(Boolean).length,
    async close() {
      closed = true;
      await Promise.all(slots.flatMap((w) => (w ? [w.worker.terminate()] : [])));
    },
  };
}
