/**
 * The charts' text alternatives, rendered to HTML in Node (no canvas): what a screen reader gets,
 * and the legend that tells series apart by pattern, shape and word, not by colour alone.
 */
import type { FailoverSession, ListEnvelope, ReplicaPoint, RpoHistory, VmRpo } from '@lifeboat/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { getFailoverSessionsQueryOptions } from '../features/failover-sessions/api/get-failover-sessions.ts';
import FailoverDurationsChart from '../features/failover-sessions/components/failover-durations-chart.tsx';
import { getReplicaPointsQueryOptions } from '../features/restore-points/api/get-replica-points.ts';
import { getRpoHistoryQueryOptions } from '../features/restore-points/api/get-rpo-history.ts';
import { getVmRpoQueryOptions } from '../features/restore-points/api/get-vm-rpo.ts';
import RpoComplianceChart from '../features/restore-points/components/rpo-compliance-chart.tsx';
import VmPointTimeline from '../features/restore-points/components/vm-point-timeline.tsx';

const asOf = '2026-11-24T12:00:00.000Z';
const hostile = '<img src=x onerror=alert(1)>';

function render(node: ReactNode, seed: (client: QueryClient) => void): string {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  seed(client);
  return renderToString(<QueryClientProvider client={client}>{node}</QueryClientProvider>)
    .replaceAll('<!-- -->', '')
    .replaceAll('&#x27;', "'");
}

/** No style attribute (the CSP forbids them), no upstream text as markup, the canvas hidden from screen readers. */
function expectAccessibleFigure(html: string) {
  expect(html).not.toMatch(/\sstyle="/);
  expect(html).not.toContain(hostile);
  expect(html).toMatch(/<figure[^>]*>.*<figcaption>/);
  expect(html).toContain('<div aria-hidden="true"');
  expect(html).toMatch(/<details[^>]*><summary[^>]*>[^<]*: the numbers<\/summary>/);
}

const envelope = <T,>(items: T[]): ListEnvelope<T> => ({
  items,
  total: items.length,
  nextCursor: null,
  asOf,
  sources: [{ id: 'em-hq', status: 'ok', asOf, stale: false }],
});

describe('the RPO compliance chart', () => {
  const sample = (at: string, compliant: number, critical: number) => ({
    at,
    tenant: null,
    counts: { compliant, exceeded: 1, severe: 0, critical, unknown: 1 },
  });
  const history: RpoHistory = {
    tenant: null,
    hours: 24,
    items: [
      sample('2026-11-24T02:00:00.000Z', 90, 0),
      sample('2026-11-24T03:00:00.000Z', 60, 30),
      sample('2026-11-24T11:59:00.000Z', 96, 2),
    ],
    tenants: ['Acme'],
    asOf,
  };

  it('says where compliance stands and its lowest point, with a legend of patterns and words', () => {
    const html = render(<RpoComplianceChart />, (c) =>
      c.setQueryData(getRpoHistoryQueryOptions(24).queryKey, history),
    );
    expectAccessibleFigure(html);
    expect(html).toContain('RPO compliance over time');
    expect(html).toMatch(/Last 24 hours, 3 samples\. At .+?: 96 of 100 VMs compliant \(96%\)/);
    expect(html).toContain('(96%), 2 critical, 0 severe, 1 exceeded, 1 unknown.');
    expect(html).toMatch(/Lowest: 65\.2% compliant, at /);
    // Each grade in the legend: a word beside a swatch filled with its own pattern.
    for (const label of ['Compliant', 'Unknown', 'Exceeded', 'Severe', 'Critical'])
      expect(html).toMatch(new RegExp(`<pattern id="[\\w-]+"[^>]*>.*?</svg>${label}</li>`));
    expect(html).toContain('aria-pressed="true"');
    expect(html).toContain('>24 hours</button>');
  });

  it('says when there are no samples yet instead of drawing an empty chart', () => {
    const html = render(<RpoComplianceChart />, (c) =>
      c.setQueryData(getRpoHistoryQueryOptions(24).queryKey, { ...history, items: [] }),
    );
    expect(html).toContain('No samples in the last 24 hours yet');
    expect(html).not.toContain('<figure');
  });
});

describe("a VM's restore point timeline", () => {
  const point = (pointTime: string, i: number): ReplicaPoint => ({
    id: `p-${i}`,
    ref: { source: 'em-hq', kind: 'CloudVmReplicaPoint', nativeId: `n-${i}` },
    vmName: 'web01',
    pointTime,
    pointType: 'Increment',
    nativeState: 'Ready',
    replicaName: `Job ${hostile}`,
    replicaId: 'r-1',
    backupServer: 'vbr01',
    tenant: 'Acme',
  });
  const rpo: VmRpo = {
    id: 'em-hq.r-1.web01',
    source: 'em-hq',
    vmName: 'web01',
    replicaName: `Job ${hostile}`,
    backupServer: 'vbr01',
    tenant: 'Acme',
    latestPointAt: '2026-11-24T09:00:00.000Z',
    pointCount: 4,
    ageSeconds: 10_800,
    targetMinutes: 60,
    targetSource: 'tenant',
    status: 'severe',
  };

  it('counts the gaps longer than the target, names the longest, and the one still open', () => {
    // Hourly, then a 5-hour gap, then nothing for 3 hours until now.
    const points = ['2026-11-24T02:00:00.000Z', '2026-11-24T03:00:00.000Z', '2026-11-24T04:00:00.000Z']
      .concat('2026-11-24T09:00:00.000Z')
      .map(point)
      .reverse();
    const html = render(<VmPointTimeline vmName="web01" />, (c) => {
      c.setQueryData(
        getReplicaPointsQueryOptions({ vm: 'web01', sort: 'pointTime', order: 'desc', limit: '500' })
          .queryKey,
        envelope(points),
      );
      c.setQueryData(getVmRpoQueryOptions({ vm: 'web01', limit: '100' }).queryKey, envelope([rpo]));
    });
    expectAccessibleFigure(html);
    expect(html).toContain('Restore points of web01 (Acme, Job &lt;img');
    expect(html).toMatch(/4 restore points from .+ to .+\./);
    expect(html).toContain('RPO target 1 h (set for its tenant): 1 gap longer than that, the longest 5 h');
    expect(html).toContain('No point for 3 h now, longer than the target.');
    for (const label of ['RPO target', 'Gap longer than the target'])
      expect(html).toContain(`</svg>${label}</li>`);
  });
});

describe('the failover session durations chart', () => {
  const session = (
    i: number,
    result: FailoverSession['result'],
    durationSeconds: number | null,
  ): FailoverSession => ({
    id: `fs-${i}`,
    ref: { source: 'em-hq', kind: 'CloudFailoverSession', nativeId: `n-${i}` },
    planName: i === 3 ? `Plan ${hostile}` : `Plan ${i}`,
    backupServer: 'vbr01',
    tenant: null,
    state: durationSeconds === null ? 'running' : 'stopped',
    nativeState: durationSeconds === null ? 'Working' : 'Stopped',
    result,
    nativeResult: result,
    progress: null,
    startedAt: `2026-11-2${i}T09:00:00.000Z`,
    endedAt: null,
    durationSeconds,
    failureMessage: null,
    vms: [],
  });

  it('gives the median and the longest, the unsuccessful ones by result, and what is still running', () => {
    const html = render(<FailoverDurationsChart filters={{}} />, (c) =>
      c.setQueryData(
        getFailoverSessionsQueryOptions({ sort: 'startedAt', order: 'desc', limit: '500' }).queryKey,
        envelope([
          session(1, 'success', 300),
          session(2, 'warning', 600),
          session(3, 'failed', 7_380),
          session(4, 'none', null),
        ]),
      ),
    );
    expectAccessibleFigure(html);
    expect(html).toContain('3 sessions that ended');
    expect(html).toContain('median 10 min, longest 2 h 3 min (Plan &lt;img');
    expect(html).toContain('Not successful: 1 warning, 1 failed.');
    expect(html).toContain('1 session still running, not charted.');
    // Results differ by marker shape and by word.
    expect(html).toMatch(/<circle cx="8" cy="8" r="5" fill="#[0-9a-f]+"><\/circle><\/svg>Success<\/li>/);
    expect(html).toMatch(/<path d="M8 3L13 13H3Z"[^>]*><\/path><\/svg>Warning<\/li>/);
    expect(html).toMatch(/<path d="M3 3L13 13M13 3L3 13"[^>]*><\/path><\/svg>Failed<\/li>/);
  });
});
