import type { ReplicationJob } from '@lifeboat/shared';
import { z } from 'zod';
import { upstreamKind, type Connector, type InventorySnapshot, type SourceSettings } from '../connector.ts';
import { UpstreamError } from '../http/upstream-error.ts';
import { Unreadable } from '../unreadable.ts';
import { ServiceProviderConsoleClient } from './client.ts';
import { normalizeReplicationJob } from './normalize.ts';
import { RawCollection, RawItem, RawReplicationVmJob } from './raw-schemas.ts';
import { MAX_PAGE_SIZE, replicationJobPath, replicationJobsPath } from './routes.ts';

/** Stops a server that always says "more" (pageSize 500: 500,000 jobs, far beyond any console). */
export const MAX_PAGES = 1_000;

/** Settings of this kind beyond the common ones (config key per source). */
export const ServiceProviderConsoleSettings = z.object({
  /** Jobs per page (the console's `limit`, 1–500); the most by default, so a poll takes fewest calls. */
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(MAX_PAGE_SIZE),
});
export type ServiceProviderConsoleSettings = z.infer<typeof ServiceProviderConsoleSettings>;

export interface ServiceProviderConsoleConnector extends Connector {
  /** One job by its native uid, fresh; the item answer carries no name or status (no expand). */
  getReplicationJob(nativeId: string, signal?: AbortSignal): Promise<ReplicationJob>;
}

export function createServiceProviderConsoleConnector(
  settings: SourceSettings,
  own: ServiceProviderConsoleSettings = { pageSize: MAX_PAGE_SIZE },
): ServiceProviderConsoleConnector {
  const client = new ServiceProviderConsoleClient(settings);

  /** Reads one item (validate, then normalize); a failure is counted, never thrown. */
  function readJob(raw: unknown, bad: Unreadable): ReplicationJob | null {
    const parsed = RawReplicationVmJob.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      bad.add(
        'BackupServerReplicationVmJob',
        `${issue?.path.join('.') || 'item'}: ${issue?.message ?? 'invalid'}`,
      );
      return null;
    }
    return normalizeReplicationJob(parsed.data, settings.id);
  }

  /**
   * Every page, `offset + count` until the console's total is reached. Keyed by uid: a job added
   * or removed while paging shifts the pages, so one may come twice.
   */
  async function readAllJobs(bad: Unreadable, signal?: AbortSignal): Promise<ReplicationJob[]> {
    const byUid = new Map<string, ReplicationJob>();
    let offset = 0;
    for (let page = 1; ; page++) {
      const body = RawCollection.safeParse(
        await client.getJson(replicationJobsPath(own.pageSize, offset), signal),
      );
      if (!body.success)
        throw new UpstreamError(
          'malformed_response',
          'response malformed: not a collection of replication jobs',
        );
      const { data, meta } = body.data;
      for (const raw of data) {
        const job = readJob(raw, bad);
        if (job) byUid.set(job.ref.nativeId, job);
      }
      offset += data.length;
      const total = meta.pagingInfo.total;
      if (offset >= total) break;
      // A console that says there is more but sends nothing, or never ends: what it did not send
      // is counted as unreadable, so the list is visibly incomplete rather than silently short.
      if (data.length === 0 || page >= MAX_PAGES) {
        const why = data.length === 0 ? 'sent an empty page' : `still had more after ${MAX_PAGES} pages`;
        bad.addMany(
          total - offset,
          `the Service Provider Console said ${total} jobs but ${why} at offset ${offset}`,
        );
        break;
      }
    }
    return [...byUid.values()];
  }

  return {
    settings,
    collections: ['replicationJobs'],
    async fetchInventory(signal): Promise<InventorySnapshot> {
      const bad = new Unreadable();
      const replicationJobs = await readAllJobs(bad, signal);
      return { replicationJobs, unreadable: { count: bad.count, firstError: bad.firstError } };
    },
    async getReplicationJob(nativeId, signal) {
      const body = RawItem.safeParse(await client.getJson(replicationJobPath(nativeId), signal));
      const bad = new Unreadable();
      const job = body.success ? readJob(body.data.data, bad) : null;
      if (!job)
        throw new UpstreamError(
          'malformed_response',
          `response malformed: ${bad.firstError ?? 'not a replication job'}`,
        );
      return job;
    },
    close: () => client.close(),
  };
}

/** The registry entry: the kind's own settings and its factory. */
export const serviceProviderConsole = upstreamKind({
  settings: ServiceProviderConsoleSettings,
  create: (settings, own) => createServiceProviderConsoleConnector(settings, own),
});
