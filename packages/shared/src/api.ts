import { z } from 'zod';
import { IsoTime, Role } from './common.ts';
import { SourceStatus } from './sources.ts';

export const ErrorCode = z.enum([
  'bad_request',
  'unauthorized',
  'forbidden',
  'csrf_failed',
  'not_found',
  'method_not_allowed',
  'misdirected',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'unprocessable',
  'rate_limited',
  'upstream_failed',
  'upstream_unavailable',
  'upstream_timeout',
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The one error body of the BFF API; the web switches on `code`. */
export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    source: z.string().optional(),
    /** On a 409 because a plan is busy: the operation under way, to follow instead. */
    operationId: z.string().optional(),
  }),
  requestId: z.string(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Every list response: one page of items, the total matching, and each source's freshness. */
export function listEnvelope<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    nextCursor: z.string().nullable(),
    asOf: IsoTime,
    sources: z.array(SourceStatus),
  });
}
export type ListEnvelope<T> = {
  items: T[];
  total: number;
  nextCursor: string | null;
  asOf: string;
  sources: SourceStatus[];
};

export const LoginRequest = z.strictObject({
  username: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters'),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const User = z.object({ username: z.string(), roles: z.array(Role) });
export type User = z.infer<typeof User>;

/**
 * Answer to login and to GET /auth/me: the user, the CSRF token to send as X-CSRF-Token, and the
 * policy the UI must announce before an action (whether a second person approves it).
 */
export const SessionInfo = z.object({
  user: User,
  csrfToken: z.string(),
  policy: z.object({ requireApproval: z.boolean() }),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/**
 * GET /auth/options, before anyone signs in: how one may. `sso` names the organisation's identity
 * provider when single sign-on is set up; `passwords` is false when an admin switched local users off.
 */
export const SignInOptions = z.object({
  passwords: z.boolean(),
  sso: z.object({ name: z.string() }).nullable(),
});
export type SignInOptions = z.infer<typeof SignInOptions>;

/** Why a single sign-on came back without a session (the `sso_error` of /login, in plain words there). */
export const SsoError = z.enum(['denied', 'no_role', 'name_taken', 'expired', 'failed']);
export type SsoError = z.infer<typeof SsoError>;

export const CSRF_HEADER = 'X-CSRF-Token';
export const API_PREFIX = '/api/v1';
/** On every API answer: the web build the server serves, so an open page can tell it is outdated. */
export const BUILD_HEADER = 'X-Lifeboat-Build';

/** Every detail response: the item and the freshness of the source it came from. */
export function itemEnvelope<T extends z.ZodType>(item: T) {
  return z.object({ item, asOf: IsoTime, sources: z.array(SourceStatus) });
}
export type ItemEnvelope<T> = { item: T; asOf: string; sources: SourceStatus[] };
