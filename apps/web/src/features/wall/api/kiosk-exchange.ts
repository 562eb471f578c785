import type { SessionInfo } from '@lifeboat/shared';
import { isClientError } from '../../../lib/api-client.ts';

/**
 * signing-in: an exchange is under way; signed-in: the last one succeeded; refused: the BFF turned
 * the token down (401: revoked or expired), for good; unreachable: the BFF could not answer, and
 * the exchange is retried after a growing pause.
 */
export type ExchangeState =
  | { kind: 'idle' }
  | { kind: 'signing-in' }
  | { kind: 'signed-in' }
  | { kind: 'refused'; status: number; message: string }
  | { kind: 'unreachable' };

export interface KioskExchangeOptions {
  token: string;
  signIn: (token: string) => Promise<SessionInfo>;
  onSignedIn: (session: SessionInfo) => void;
  onState: (state: ExchangeState) => void;
  firstRetryMs?: number;
  maxRetryMs?: number;
  /**
   * The least time between two exchanges: a session that is refused again at once (a 401 loop)
   * must not make an unattended screen hammer the BFF.
   */
  minGapMs?: number;
  now?: () => number;
}

export interface KioskExchange {
  /** Exchanges the token for a session, unless one exchange is under way or the token was refused. */
  exchange(): void;
  stop(): void;
}

/**
 * Trades the kiosk token for a session, one exchange at a time: on load, and again whenever the
 * session ends (an API call answered 401). A refusal (4xx other than 429) is final; anything else
 * (network, 5xx, 429) is retried with a pause that doubles up to `maxRetryMs`.
 */
export function createKioskExchange(options: KioskExchangeOptions): KioskExchange {
  const firstRetryMs = options.firstRetryMs ?? 5_000;
  const maxRetryMs = options.maxRetryMs ?? 60_000;
  const minGapMs = options.minGapMs ?? 30_000;
  const now = options.now ?? Date.now;

  let state: ExchangeState['kind'] = 'idle';
  let stopped = false;
  let retryMs = firstRetryMs;
  let lastSuccessAt: number | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const set = (next: ExchangeState) => {
    state = next.kind;
    options.onState(next);
  };

  function exchange(): void {
    if (stopped || state === 'signing-in' || state === 'refused') return;
    clearTimeout(timer);
    const wait = lastSuccessAt === null ? 0 : lastSuccessAt + minGapMs - now();
    if (wait > 0) {
      timer = setTimeout(exchange, wait);
      return;
    }
    set({ kind: 'signing-in' });
    options.signIn(options.token).then(
      (session) => {
        if (stopped) return;
        retryMs = firstRetryMs;
        lastSuccessAt = now();
        set({ kind: 'signed-in' });
        options.onSignedIn(session);
      },
      (error: unknown) => {
        if (stopped) return;
        if (isClientError(error) && error.status !== 429) {
          set({ kind: 'refused', status: error.status, message: error.message });
          return;
        }
        set({ kind: 'unreachable' });
        timer = setTimeout(exchange, retryMs);
        retryMs = Math.min(retryMs * 2, maxRetryMs);
      },
    );
  }

  return {
    exchange,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
