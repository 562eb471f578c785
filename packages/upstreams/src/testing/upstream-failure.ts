import { expect } from 'vitest';
import { UpstreamError } from '../http/upstream-error.ts';

/** The UpstreamError `p` rejects with; fails the test when it resolves or rejects with anything else. */
export async function failure(p: Promise<unknown>): Promise<UpstreamError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UpstreamError);
  return err as UpstreamError;
}

/** What a rejected read came to: the UpstreamError's code, or `crash: …` for anything untyped. */
export function errorCode(err: unknown): string {
  return err instanceof UpstreamError ? err.code : `crash: ${String(err)}`;
}
