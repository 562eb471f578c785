import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../http/upstream-error.ts';
import type { OffThread } from '../off-thread.ts';
import { Unreadable } from '../unreadable.ts';
import type { EnterpriseManagerClient } from './client.ts';
import { toColumns } from './point-columns.ts';
import { queryEach, type QueryService } from './query.ts';

describe('reading every page of a query', () => {
  it('abandons the pages asked ahead when a page fails, instead of reading them for nothing', async () => {
    const asked = new Map<number, AbortSignal | undefined>();
    const client = {
      getBytes(path: string, signal?: AbortSignal): Promise<Uint8Array> {
        const page = Number(new URL(path, 'http://em').searchParams.get('page'));
        asked.set(page, signal);
        if (page === 1) return Promise.resolve(new Uint8Array(1));
        if (page === 2) return Promise.reject(new UpstreamError('malformed_response', 'page 2 is broken'));
        // The rest answer only when given up on, as a slow upstream's would.
        return new Promise((_, reject) =>
          signal?.addEventListener('abort', () => reject(new UpstreamError('request_failed', 'aborted'))),
        );
      },
    } as unknown as EnterpriseManagerClient;
    const offThread = {
      run: () => Promise.resolve({ items: toColumns([]), unreadable: [], pagesCount: 9 }),
    } as unknown as OffThread;
    const qs: QueryService = { client, pageSize: 500, sourceId: 'em', offThread };

    const err = await queryEach(qs, 'CloudVmReplicaPoint', new Unreadable(), () => undefined).catch(
      (e: unknown) => e,
    );

    expect(err).toMatchObject({ code: 'malformed_response', message: 'page 2 is broken' });
    expect([...asked.keys()]).toEqual([1, 2, 3, 4]);
    expect([3, 4].map((page) => asked.get(page)?.aborted)).toEqual([true, true]);
  });
});
