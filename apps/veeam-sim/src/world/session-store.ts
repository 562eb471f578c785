// The world's cloud failover sessions: the seeded history, then one more for each run in the run log
// that fails over or undoes a plan. Sessions are immutable; a halted one is replaced by its halted
// version under the same index and GUID.

import { normalizeGuid } from './guid.ts';
import type { FailoverSession } from './types.ts';

export interface SessionStore {
  /** Oldest first; grows as plans run. */
  readonly list: readonly FailoverSession[];
  byUid(uid: string): FailoverSession | undefined;
  add(draft: Omit<FailoverSession, 'index'>): FailoverSession;
  replace(session: FailoverSession): void;
}

export function createSessionStore(seeded: readonly FailoverSession[]): SessionStore {
  const list = [...seeded];
  const byUid = new Map(list.map((session) => [session.uid, session]));
  return {
    list,
    byUid(uid) {
      const key = normalizeGuid(uid);
      return key === undefined ? undefined : byUid.get(key);
    },
    add(draft) {
      const session: FailoverSession = { ...draft, index: list.length };
      list.push(session);
      byUid.set(session.uid, session);
      return session;
    },
    replace(session) {
      list[session.index] = session;
      byUid.set(session.uid, session);
    },
  };
}
