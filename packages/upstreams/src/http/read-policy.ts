import {
  BrokenCircuitError,
  type CircuitState,
  type IBreaker,
  BulkheadRejectedError,
  bulkhead,
  circuitBreaker,
  ConsecutiveBreaker,
  CountBreaker,
  ExponentialBackoff,
  handleWhen,
  noop,
  retry,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
} from 'cockatiel';
import type { UpstreamResponse } from './transport.ts';
import { abandoned, UpstreamError } from './upstream-error.ts';

/** Statuses that mean "the upstream or a proxy is momentarily unwell": a read may try again. */
const RETRY_STATUSES = new Set([502, 503, 504]);

/** A failed attempt worth another: the connection failed, or a momentary 5xx (carried as an error). */
const transient = (err: Error) =>
  err instanceof UpstreamError &&
  (err.code === 'request_failed' || (err.code === 'http_status' && RETRY_STATUSES.has(err.status ?? 0)));

/** What counts toward opening the circuit: the upstream is unreachable, silent or failing. */
const outage = (err: Error) =>
  err instanceof UpstreamError &&
  (err.code === 'request_failed' ||
    err.code === 'timeout' ||
    (err.code === 'http_status' && (err.status ?? 0) >= 500));

export interface ReadPolicy {
  /** Runs one call; `retryable` only for reads, never for a logon or an action. */
  run(
    retryable: boolean,
    call: (signal: AbortSignal) => Promise<UpstreamResponse>,
    /** The caller's: once aborted, the call is neither retried nor counted toward the circuit. */
    signal?: AbortSignal,
  ): Promise<UpstreamResponse>;
}

/**
 * The resilience of one upstream (security-and-resilience §2.8), from cockatiel: a bulkhead of 4
 * calls (+8 queued), a circuit breaker that opens after 5 consecutive failed calls or when half
 * or more of the last 10 failed, and for
 * reads up to 2 retries with decorrelated jitter, all inside one total deadline.
 */
export function readPolicy(opts: { timeoutMs: number; halfOpenAfterMs: number }): ReadPolicy {
  const breaker = circuitBreaker(handleWhen(outage), {
    halfOpenAfter: opts.halfOpenAfterMs,
    // A flapping upstream never fails 5 times in a row; 5 or more of the last 10 calls failing opens
    // it too (CountBreaker opens above `threshold * size`, so 0.45 of 10 means 5).
    breaker: new EitherBreaker(new ConsecutiveBreaker(5), new CountBreaker({ threshold: 0.45, size: 10 })),
  });
  let openedAt: Date | null = null;
  /** What the last outage was, so an open circuit still says the real cause. */
  let lastCause = '';
  breaker.onBreak(() => (openedAt = new Date()));
  breaker.onReset(() => (openedAt = null));
  breaker.onFailure(({ reason }) => {
    if ('error' in reason) lastCause = reason.error.message;
  });
  const limit = bulkhead(4, 8);
  const deadline = timeout(opts.timeoutMs, TimeoutStrategy.Aggressive);
  const retries = retry(handleWhen(transient), {
    maxAttempts: 2,
    backoff: new ExponentialBackoff({ initialDelay: 200, maxDelay: 2_000 }),
  });
  // Every attempt counts toward the breaker, and an open circuit is not retried: a half-open
  // trial is one call.
  const reads = wrap(limit, deadline, retries, breaker);
  const once = wrap(limit, noop, breaker);

  return {
    async run(retryable, call, signal) {
      try {
        return await (retryable ? reads : once).execute(async ({ signal: attempt }) => {
          // Whatever an attempt fails with once its caller gave up says nothing of the upstream:
          // it is neither retried nor counted toward the circuit.
          const res = await call(attempt).catch((err: unknown) => {
            throw signal?.aborted ? abandoned() : err;
          });
          // A 5xx becomes an error inside the policy so it can be retried and counted; outside, it
          // is a response again for the client to read the upstream's own message from.
          if (res.status >= 500) throw new ServerError(res);
          return res;
        }, signal);
      } catch (err) {
        if (err instanceof ServerError) return err.response;
        if (signal?.aborted) throw abandoned();
        if (err instanceof BrokenCircuitError)
          throw new UpstreamError(
            'circuit_open',
            `${lastCause || 'repeated failures'}; calls paused since ${openedAt?.toISOString() ?? 'now'} ` +
              '(circuit open), trying again shortly',
          );
        if (err instanceof BulkheadRejectedError)
          throw new UpstreamError('request_failed', 'too many calls waiting for this upstream; try again');
        if (err instanceof TaskCancelledError)
          throw new UpstreamError('timeout', `no answer within ${Math.round(opts.timeoutMs / 1000)} s`);
        throw err;
      }
    },
  };
}

/** Opens when either breaker would: a run of failures, or a high failure rate. */
class EitherBreaker implements IBreaker {
  constructor(
    private readonly a: IBreaker,
    private readonly b: IBreaker,
  ) {}

  get state(): unknown {
    return [this.a.state, this.b.state];
  }

  set state(value: unknown) {
    [this.a.state, this.b.state] = value as [unknown, unknown];
  }

  success(state: CircuitState): void {
    this.a.success(state);
    this.b.success(state);
  }

  failure(state: CircuitState): boolean {
    const a = this.a.failure(state);
    const b = this.b.failure(state);
    return a || b;
  }
}

/** A 5xx answer, carried through the policy as an error. */
class ServerError extends UpstreamError {
  constructor(readonly response: UpstreamResponse) {
    super('http_status', `upstream answered ${response.status}`, response.status);
  }
}
