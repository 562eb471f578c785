import { randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * What the instances sharing a database hold, each under an advisory lock of its own space:
 * polling a source, following operations, and being alive (decision 017).
 */
export const LOCK_SPACES = {
  poll: 0x4c69_0001,
  follow: 0x4c69_0002,
  instance: 0x4c69_0003,
  /** Taken for each event's transaction, so events commit in the order of their ids. */
  events: 0x4c69_0004,
} as const;
export type LockSpace = keyof typeof LOCK_SPACES;

/**
 * One instance's own connection to the database, beside the pool: the session-level advisory
 * locks it holds live as long as this connection, so a lock of an instance that dies (even by
 * SIGKILL) is free at once; and it receives the database's notifications.
 */
export interface Coordination {
  /** This instance, as the other instances see it (its `instance` lock is held while it runs). */
  readonly instanceId: string;
  /** Takes the lock, or says it is held elsewhere; a lock taken is kept until `unlock` or a reset. */
  tryLock(space: LockSpace, key: string): Promise<boolean>;
  unlock(space: LockSpace, key: string): Promise<void>;
  /** Whether an instance that is alive holds the lock (this one excepted). */
  heldElsewhere(space: LockSpace, key: string): Promise<boolean>;
  /** Each notification on `channel`, in the order the database committed them. */
  listen(channel: string, deliver: (payload: string) => void): Promise<void>;
  /**
   * `reset` runs when the connection is lost, and again once it is made again: every lock was let
   * go (another instance may have taken them) and notifications sent meanwhile were missed.
   */
  onReset(reset: () => void): void;
  close(): Promise<void>;
}

const TRY = 'select pg_try_advisory_lock($1::int, hashtext($2)) as held';
const UNLOCK = 'select pg_advisory_unlock($1::int, hashtext($2))';

interface Session {
  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** The shared behaviour of both databases' coordination, over one session. */
function coordinationOver(session: () => Session | null, listen: Coordination['listen']) {
  const instanceId = randomUUID();
  const resets: (() => void)[] = [];
  // One query at a time on the one connection (node-postgres will refuse overlapping ones).
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run);
    queue = next.catch(() => undefined);
    return next;
  };
  const tryLock = (space: LockSpace, key: string) =>
    serially(async () => {
      const s = session();
      if (!s) return false;
      const { rows } = await s.query<{ held: boolean }>(TRY, [LOCK_SPACES[space], key]);
      return rows[0]?.held === true;
    });
  const unlock = (space: LockSpace, key: string) =>
    serially(async () => {
      await session()?.query(UNLOCK, [LOCK_SPACES[space], key]);
    });
  const coordination: Coordination = {
    instanceId,
    tryLock,
    unlock,
    async heldElsewhere(space, key) {
      if (space === 'instance' && key === instanceId) return false;
      if (!(await tryLock(space, key))) return true;
      await unlock(space, key);
      return false;
    },
    listen,
    onReset: (reset) => void resets.push(reset),
    close: () => Promise.resolve(),
  };
  return { coordination, resets, serially };
}

/**
 * The embedded database has one session, this process's: its locks are always this instance's,
 * and a lock of a process that ended is free when the database opens again.
 */
export async function embeddedCoordination(client: PGlite): Promise<Coordination> {
  const { coordination } = coordinationOver(
    () => client,
    async (channel, deliver) => void (await client.listen(channel, deliver)),
  );
  await coordination.tryLock('instance', coordination.instanceId);
  return coordination;
}

/** How long after losing its connection an instance tries again. */
const RECONNECT_MS = 1_000;

/**
 * A PostgreSQL connection of the instance's own, made again when lost (a database restart): then
 * the instance holds no lock until it takes them again, and listens again.
 */
export async function postgresCoordination(url: string): Promise<Coordination> {
  let client: pg.Client | null = null;
  let closed = false;
  const channels = new Map<string, ((payload: string) => void)[]>();
  const { coordination, resets, serially } = coordinationOver(
    () => client,
    async (channel, deliver) => {
      const known = channels.get(channel);
      channels.set(channel, [...(known ?? []), deliver]);
      if (!known)
        await serially(async () => void (await client?.query(`listen ${pg.escapeIdentifier(channel)}`)));
    },
  );
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, application_name: 'lifeboat (coordination)' });
    c.on('notification', (n) => {
      for (const deliver of channels.get(n.channel) ?? []) deliver(n.payload ?? '');
    });
    c.on('error', () => undefined);
    c.once('end', () => {
      if (client !== c) return;
      client = null;
      if (closed) return;
      for (const reset of resets) reset();
      setTimeout(reconnect, RECONNECT_MS).unref();
    });
    await c.connect();
    try {
      for (const channel of channels.keys()) await c.query(`listen ${pg.escapeIdentifier(channel)}`);
      await c.query(TRY, [LOCK_SPACES.instance, coordination.instanceId]);
    } catch (err) {
      await c.end().catch(() => undefined);
      throw err;
    }
    client = c;
  };
  const reconnect = () => {
    if (closed) return;
    connect().then(
      () => {
        for (const reset of resets) reset();
      },
      () => setTimeout(reconnect, RECONNECT_MS).unref(),
    );
  };
  await connect();
  return {
    ...coordination,
    async close() {
      closed = true;
      const c = client;
      client = null;
      // Ending the connection lets go of every lock this instance held.
      await c?.end();
    },
  };
}

/**
 * A lock this instance takes when it can and keeps until it lets go: the right to poll a source,
 * or to follow operations. Lost with the connection, and then taken again when free.
 */
export class Lease {
  private held = false;
  private taking: Promise<boolean> | null = null;

  constructor(
    private readonly coordination: Coordination,
    private readonly space: LockSpace,
    private readonly key: string,
  ) {
    coordination.onReset(() => (this.held = false));
  }

  /** Whether this instance holds it now, taking it if it is free. */
  async hold(): Promise<boolean> {
    if (this.held) return true;
    // Taken once: the database counts each time a session takes a lock it already holds.
    this.taking ??= this.coordination
      .tryLock(this.space, this.key)
      .catch(() => false)
      .then((held) => {
        this.taking = null;
        return (this.held = held);
      });
    return this.taking;
  }

  async release(): Promise<void> {
    if (!this.held) return;
    this.held = false;
    await this.coordination.unlock(this.space, this.key).catch(() => undefined);
  }
}
