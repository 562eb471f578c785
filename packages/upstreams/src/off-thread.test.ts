/**
 * The upstream worker pool, with the worker bundled as the BFF's build bundles it: a page read on
 * a worker is the page read here; failures come back as the same errors; a dead worker fails only
 * its own job and is replaced.
 */
import type { ReplicaPoint } from '@lifeboat/shared';
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixture } from './enterprise-manager/fixtures/load.ts';
import { eachPoint, keepRow, type PointColumns } from './enterprise-manager/point-columns.ts';
import { UpstreamError } from './http/upstream-error.ts';
import { onThisThread, startWorkerPool, type OffThread } from './off-thread.ts';

const NS = 'xmlns="http://www.veeam.com/ent/v1.0"';
const entity = fixture('em_get_cloud_vmReplicaPoints_id_entity.xml').replace(/<\?xml[^>]*\?>\s*/, '');

/** A query page of `n` copies of Veeam's example point (each with its own id), and one bad item. */
function pointsPage(n: number, pagesCount = 3): Uint8Array {
  const items = Array.from({ length: n }, (_, i) =>
    entity.replaceAll('d220b5f80b64', String(i).padStart(12, '0')),
  );
  const bad = `<CloudVmReplicaPoint Name="x@y" UID="urn:veeam:CloudVmReplicaPoint:not-a-guid"><CreationTimeUTC>2025-11-03T18:01:25Z</CreationTimeUTC></CloudVmReplicaPoint>`;
  return new TextEncoder().encode(
    `<QueryResult ${NS}><Entities><CloudVmReplicaPoints>${items.join('')}${bad}</CloudVmReplicaPoints></Entities><PagingInfo PageNum="1" PageSize="500" PagesCount="${pagesCount}"/></QueryResult>`,
  );
}

/** The restore points of a page read, as the serving thread takes them. */
const points = (page: { items: unknown }) => {
  const kept: ReplicaPoint[] = [];
  eachPoint(page.items as PointColumns, 'em1', (row) => kept.push(keepRow(row)));
  return kept;
};

let dir: string;
let worker: URL;
const pools: OffThread[] = [];
const pool = (size: number, options?: Parameters<typeof startWorkerPool>[2]) => {
  const p = startWorkerPool(worker, size, options);
  pools.push(p);
  return p;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lifeboat-worker-'));
  const outfile = join(dir, 'upstream-worker.js');
  await build({
    entryPoints: [new URL('./upstream-worker.ts', import.meta.url).pathname],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
  worker = pathToFileURL(outfile);
});

afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe('the upstream worker pool', () => {
  it('reads a query page on a worker exactly as on this thread', async () => {
    const here = await onThisThread.run('emQueryPage', 'CloudVmReplicaPoint', pointsPage(3), 'em1');
    const there = await pool(1).run('emQueryPage', 'CloudVmReplicaPoint', pointsPage(3), 'em1');
    expect(there).toEqual(here);
    expect(there.pagesCount).toBe(3);
    expect(points(there)).toHaveLength(3);
    expect(points(there)[0]).toMatchObject({ vmName: 'apache05', pointType: 'Snapshot', tenant: null });
    expect(there.unreadable).toEqual([expect.stringMatching(/^CloudVmReplicaPoint: /)]);
  });

  it('answers many jobs at once, each with its own page', async () => {
    const p = pool(2);
    const sizes = [1, 4, 2, 5, 3, 1, 2, 4];
    const pages = await Promise.all(
      sizes.map((n) => p.run('emQueryPage', 'CloudVmReplicaPoint', pointsPage(n), 'em1')),
    );
    expect(pages.map((page) => points(page).length)).toEqual(sizes);
  });

  it('fails a malformed page as malformed_response, in the same words as on this thread', async () => {
    const cut = pointsPage(2).subarray(0, 400);
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => e,
      );
    const here = await failure(onThisThread.run('emQueryPage', 'CloudVmReplicaPoint', cut, 'em1'));
    const there = await failure(pool(1).run('emQueryPage', 'CloudVmReplicaPoint', cut, 'em1'));
    expect(here).toBeInstanceOf(UpstreamError);
    expect(there).toBeInstanceOf(UpstreamError);
    expect(there).toMatchObject({ code: 'malformed_response', message: (here as Error).message });
  });

  it("moves a page's own bytes to the worker rather than copying them, and copies a view of a shared buffer", async () => {
    const p = pool(1);
    const own = pointsPage(2);
    const read = p.run('emQueryPage', 'CloudVmReplicaPoint', own, 'em1');
    expect(own.byteLength).toBe(0);
    expect(points(await read)).toHaveLength(2);

    // Node's Buffer pool holds small Buffers side by side: moving it would empty its neighbours'.
    const page = pointsPage(1);
    const pooled = Buffer.alloc(page.byteLength + 64);
    pooled.set(page, 32);
    const view = pooled.subarray(32, 32 + page.byteLength);
    const neighbour = pooled.subarray(0, 32).fill(7);
    expect(points(await p.run('emQueryPage', 'CloudVmReplicaPoint', view, 'em1'))).toHaveLength(1);
    expect(view.byteLength).toBe(page.byteLength);
    expect(neighbour.every((b) => b === 7)).toBe(true);
  });

  it('fails a page that is not UTF-8 as malformed_response', async () => {
    const page = pointsPage(1);
    page[page.indexOf(0x3e) + 1] = 0xff; // a byte that never occurs in UTF-8, after the first `>`
    await expect(pool(1).run('emQueryPage', 'CloudVmReplicaPoint', page, 'em1')).rejects.toMatchObject({
      code: 'malformed_response',
      message: 'response malformed: invalid UTF-8',
    });
  });

  it('fails the job of a worker that dies as an unreadable answer, and the next job gets a new worker', async () => {
    const p = pool(1, { heapMb: 16 });
    const tooBig = p.run('emQueryPage', 'CloudVmReplicaPoint', pointsPage(8_000), 'em1');
    await expect(tooBig).rejects.toMatchObject({
      code: 'malformed_response',
      message: expect.stringMatching(/^the answer could not be read: /),
    });
    const next = await p.run('emQueryPage', 'CloudVmReplicaPoint', pointsPage(2), 'em1');
    expect(points(next)).toHaveLength(2);
  });

  it('ends a worker left without a job, and starts another for the next job', async () => {
    const p = pool(1, { idleMs: 50 });
    await p.run('emQueryPage', 'CloudVmReplicaPoint', pointsPage(2), 'em1');
    expect(p.threads()).toBe(1);
    await vi.waitFor(() => expect(p.threads()).toBe(0), { timeout: 5_000, interval: 20 });
    const next = await p.run('emQueryPage', 'CloudVmReplicaPoint', pointsPage(3), 'em1');
    expect(points(next)).toHaveLength(3);
    expect(p.threads()).toBe(1);
  });

  it('fails a job that gets no answer in time as an unreadable answer, so no poll waits for ever', async () => {
    const p = pool(1, { jobTimeoutMs: 1 });
    await expect(p.run('emQueryPage', 'CloudVmReplicaPoint', pointsPage(500), 'em1')).rejects.toMatchObject({
      code: 'malformed_response',
      message: expect.stringMatching(/gave no answer in/),
    });
  });
});
