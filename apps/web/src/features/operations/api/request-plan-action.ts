import type {
  FailbackRequest,
  FailoverRequest,
  IDEMPOTENCY_HEADER as IdempotencyHeader,
  Operation,
  PlainActionRequest,
  PlanAction,
} from '@lifeboat/shared';
import { planActionSegment } from '../../../components/status/plan-action.ts';
import { api } from '../../../lib/api-client.ts';

// The contract's header name, checked against @lifeboat/shared by the compiler (type-only import).
const IDEMPOTENCY_HEADER: typeof IdempotencyHeader = 'Idempotency-Key';

/** The body each action takes. */
export type ActionBody = FailoverRequest | FailbackRequest | PlainActionRequest;

/**
 * POST /plans/{id}/{action}: asks for a destructive action; 202 with the operation (awaiting
 * approval, or approved and on its way). The Idempotency-Key makes a repeat of the same request
 * answer the same operation instead of launching another.
 */
export const requestPlanAction = (
  planId: string,
  action: PlanAction,
  body: ActionBody,
  idempotencyKey: string,
): Promise<Operation> =>
  api.post<Operation>(`/plans/${encodeURIComponent(planId)}/${planActionSegment[action]}`, body, {
    headers: { [IDEMPOTENCY_HEADER]: idempotencyKey },
  });

/** A fresh random key (a v4 UUID), also where `crypto.randomUUID` is missing (plain http). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What the request is, without the password (which the server leaves out of the key's check too). */
function fingerprint(body: ActionBody): string {
  return JSON.stringify({ ...body, password: undefined });
}

export interface ActionSubmission {
  /** The key the next (or current) request carries. */
  readonly key: string;
  /**
   * Sends the request, once: while one is in flight, another submit answers that same request
   * instead of sending again (a double click). A retry of the same request reuses its key, so the
   * server answers the operation it already has rather than starting a second; a changed request
   * gets a new key (the server refuses a key reused with another body).
   */
  submit(body: ActionBody): Promise<Operation>;
}

type Send = typeof requestPlanAction;

/** One intended action on one plan: made when its workflow opens, with its own idempotency key. */
export function createActionSubmission(
  planId: string,
  action: PlanAction,
  options: { send?: Send; newKey?: () => string } = {},
): ActionSubmission {
  const send = options.send ?? requestPlanAction;
  const newKey = options.newKey ?? newIdempotencyKey;
  let key = newKey();
  let sentAs: string | null = null;
  let inFlight: Promise<Operation> | null = null;
  return {
    get key() {
      return key;
    },
    submit(body) {
      if (inFlight) return inFlight;
      const print = fingerprint(body);
      if (sentAs !== null && sentAs !== print) key = newKey();
      sentAs = print;
      const request = send(planId, action, body, key);
      inFlight = request;
      const release = () => {
        inFlight = null;
      };
      request.then(release, release);
      return request;
    },
  };
}
