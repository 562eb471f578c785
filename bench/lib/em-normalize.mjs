// What reading one Enterprise Manager query page costs next to fast-xml-parser's raw parse of the
// same bytes (each decodes them first): readQueryPage, as a worker runs it for the connector (the
// strict UTF-8 decode, our XML step, the checks and normalizeReplicaPoint). Run directly (`node bench/lib/em-normalize.mjs`) it prints
// the figures for a generated page of 500 restore points.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WARMUP = 30;
const RUNS = 100;

let loaded;
/** The TypeScript sources, bundled once into a temp file (node 20 cannot load .ts). */
function sources() {
  loaded ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifeboat-em-bench-'));
    const outfile = join(dir, 'em.mjs');
    try {
      await build({
        stdin: {
          contents: `
            export { XMLParser } from 'fast-xml-parser';
            export { readQueryPage } from './src/enterprise-manager/query-page.ts';`,
          resolveDir: join(root, 'packages', 'upstreams'),
          loader: 'ts',
        },
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20.19',
        logLevel: 'warning',
      });
      return await import(pathToFileURL(outfile).href);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  })();
  return loaded;
}

const uuid = (n, salt) =>
  `${salt}${n.toString(16).padStart(7, '0')}-4a01-4b02-8c03-${(n * 7919).toString(16).padStart(12, '0')}`;

/**
 * A format=Entities query page as the simulator writes it (apps/veeam-sim query-service.ts,
 * replica-points.ts): no indentation, self-closing Links, an escaped `&` in some VM names.
 */
export function generatePage({ count = 500, base = 'http://127.0.0.1:9399' } = {}) {
  const api = `${base}/api`;
  const t0 = Date.UTC(2026, 10, 1);
  const items = [];
  for (let i = 0; i < count; i++) {
    const vm = i % 50 === 0 ? `R&amp;D-web${i % 40}` : `app-vm-${String(i % 40).padStart(3, '0')}`;
    const server = uuid(i % 3, 'b');
    const replica = uuid(i % 40, 'c');
    const point = uuid(i, 'd');
    const time = new Date(t0 + i * 3_600_000).toISOString();
    const name = `${vm}@${time.slice(0, 19).replace('T', ' ')}`;
    items.push(
      `<CloudVmReplicaPoint Type="CloudVmReplicaPoint" Href="${api}/cloud/vmReplicaPoints/${point}?format=Entity" ` +
        `Name="${name}" UID="urn:veeam:CloudVmReplicaPoint:${point}" VmDisplayName="${vm}"><Links>` +
        `<Link Rel="Up" Type="BackupServerReference" Href="${api}/backupServers/${server}" Name="vbr0${i % 3}.lab.local" />` +
        `<Link Rel="Up" Type="CloudReplicaReference" Href="${api}/cloud/replicas/${replica}" Name="Replica job ${i % 40}" />` +
        `<Link Rel="Alternate" Type="CloudVmReplicaPointReference" Href="${api}/cloud/vmReplicaPoints/${point}" Name="${name}" />` +
        `</Links><CreationTimeUTC>${time}</CreationTimeUTC><PointType>Snapshot</PointType><State>Ready</State>` +
        `</CloudVmReplicaPoint>`,
    );
  }
  const query = `${api}/query?type=CloudVmReplicaPoint&amp;format=Entities&amp;pageSize=${count}&amp;page=`;
  return Buffer.from(
    `<?xml version="1.0" encoding="utf-8"?>\n<QueryResult xmlns="http://www.veeam.com/ent/v1.0">` +
      `<Entities><CloudVmReplicaPoints>${items.join('')}</CloudVmReplicaPoints></Entities>` +
      `<PagingInfo PageNum="1" PageSize="${count}" PagesCount="4"><Links>` +
      `<Link Rel="First" Href="${query}1" /><Link Rel="Next" Href="${query}2" /><Link Rel="Last" Href="${query}4" />` +
      `</Links></PagingInfo></QueryResult>`,
  );
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
};

/**
 * Medians in ms over RUNS interleaved repetitions (after WARMUP), so drift of a shared machine
 * weighs on both sides alike. ratio = readPageMs / rawParseMs: the target is 1.25.
 */
export async function measureEmNormalize({ page }) {
  const { XMLParser, readQueryPage } = await sources();
  const raw = new XMLParser({ ignoreAttributes: false });
  const read = () => {
    const { items, unreadable } = readQueryPage('CloudVmReplicaPoint', page, 'em1');
    if (unreadable.length || !items.ids.length)
      throw new Error(`unreadable page: ${unreadable[0] ?? 'no items'}`);
  };
  const rawMs = [];
  const readMs = [];
  const timed = (fn, into, i) => {
    const t0 = performance.now();
    fn();
    if (i >= WARMUP) into.push(performance.now() - t0);
  };
  for (let i = 0; i < WARMUP + RUNS; i++) {
    // Taking turns at going first, so neither side always pays for the other's garbage.
    if (i % 2) timed(() => raw.parse(page), rawMs, i);
    timed(read, readMs, i);
    if (!(i % 2)) timed(() => raw.parse(page), rawMs, i);
  }
  const rawParseMs = median(rawMs);
  const readPageMs = median(readMs);
  return { rawParseMs, readPageMs, ratio: readPageMs / rawParseMs };
}

/** One page of a running simulator (or Enterprise Manager), its exact bytes. */
export async function fetchPage(baseUrl, sessionHeader, pageSize = 500) {
  const res = await fetch(
    `${baseUrl}/api/query?type=CloudVmReplicaPoint&format=Entities&pageSize=${pageSize}&page=1`,
    { headers: { Accept: 'application/xml', 'X-RestSvcSessionId': sessionHeader } },
  );
  if (!res.ok) throw new Error(`query answered ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const page = generatePage();
  const r = await measureEmNormalize({ page });
  const ms = (v) => `${v.toFixed(2)} ms`;
  console.log(`one page, 500 CloudVmReplicaPoint, ${(page.byteLength / 1024).toFixed(0)} KiB`);
  console.log(`raw fast-xml-parser parse: ${ms(r.rawParseMs)}`);
  console.log(`readQueryPage:             ${ms(r.readPageMs)}`);
  console.log(`ratio (ours / raw):        ${r.ratio.toFixed(2)}x`);
}
