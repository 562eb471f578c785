import type { ReplicaPoint, VmRpo } from '@lifeboat/shared';
import { useMemo } from 'react';
import { ChartFigure } from '../../../components/charts/chart-figure.tsx';
import type { ChartBuilder, SeriesStyle } from '../../../components/charts/chart-kit.ts';
import { LoadFailure } from '../../../components/ui/feedback.tsx';
import { formatAge, formatDateTime, formatMinutes, plural } from '../../../lib/format.ts';
import { useReplicaPoints } from '../api/get-replica-points.ts';
import { useVmRpo } from '../api/get-vm-rpo.ts';

/** The newest points charted; enough for weeks of hourly points. */
const POINT_LIMIT = 500;
/** VMs of the same name (one per tenant or job) charted one under the other, at most. */
const MAX_CHARTS = 4;

const pointStyle: SeriesStyle = {
  label: 'Restore point, as high as the time since the one before',
  color: '#3a7bd5',
  marker: 'circle',
};
const targetStyle: SeriesStyle = { label: 'RPO target', color: '#7a8699', dashed: true };
const gapStyle: SeriesStyle = { label: 'Gap longer than the target', color: '#da3b6e', pattern: 'diagonal' };

interface Gap {
  from: number;
  to: number;
  /** Still open: no point since. */
  open: boolean;
}

/** One VM (one name within one replica job) and its points, oldest first. */
interface Timeline {
  key: string;
  points: ReplicaPoint[];
  rpo: VmRpo | undefined;
}

/** The points of each VM of that name, grouped by replica job, each with its RPO row (for its target). */
function timelines(points: readonly ReplicaPoint[], rows: readonly VmRpo[]): Timeline[] {
  const byKey = new Map<string, Timeline>();
  for (const p of points) {
    const key = JSON.stringify([p.ref.source, p.replicaId ?? p.replicaName, p.tenant]);
    let t = byKey.get(key);
    if (!t) {
      const rpo = rows.find(
        (r) => r.source === p.ref.source && r.replicaName === p.replicaName && r.tenant === p.tenant,
      );
      byKey.set(key, (t = { key, points: [], rpo }));
    }
    t.points.push(p);
  }
  for (const t of byKey.values()) t.points.sort((a, b) => Date.parse(a.pointTime) - Date.parse(b.pointTime));
  return [...byKey.values()];
}

/** Stretches between points (and since the last one, until now) longer than the target. */
function gapsOf(times: readonly number[], targetMs: number, now: number): Gap[] {
  const gaps: Gap[] = [];
  for (let i = 1; i < times.length; i++)
    if (times[i]! - times[i - 1]! > targetMs) gaps.push({ from: times[i - 1]!, to: times[i]!, open: false });
  const last = times.at(-1);
  if (last !== undefined && now - last > targetMs) gaps.push({ from: last, to: now, open: true });
  return gaps;
}

function buildTimeline(
  times: readonly number[],
  targetMinutes: number | null,
  gaps: readonly Gap[],
  now: number,
): ChartBuilder {
  return (kit) => {
    const xs = times.map((t) => t / 1000);
    const minutesSince = times.map((t, i) => (i === 0 ? null : (t - times[i - 1]!) / 60_000));
    const target = times.map(() => targetMinutes);
    const hatch = kit.fill(gapStyle);
    return {
      data: [xs, minutesSince, target],
      options: {
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: true, range: [xs[0]! - 60, Math.max(now / 1000, xs.at(-1)! + 60)] },
          y: {
            range: (_u, _min, max) => [0, Math.max(max, targetMinutes ?? 0, 1) * 1.1],
          },
        },
        axes: kit.axes({ size: 64, values: (_u, ticks) => ticks.map((t) => formatMinutes(t) ?? '') }),
        series: [
          {},
          {
            label: pointStyle.label,
            stroke: pointStyle.color,
            paths: () => null,
            points: { show: true, size: 7, fill: pointStyle.color, stroke: pointStyle.color },
          },
          {
            label: targetStyle.label,
            stroke: targetStyle.color,
            width: 1.5,
            dash: [6, 4],
            points: { show: false },
          },
        ],
        hooks: {
          // Gaps are hatched behind the points, across the whole height, so they show however short.
          drawClear: [
            (u) => {
              const { ctx, bbox } = u;
              ctx.save();
              ctx.fillStyle = hatch;
              for (const g of gaps) {
                const left = u.valToPos(g.from / 1000, 'x', true);
                const right = u.valToPos(g.to / 1000, 'x', true);
                ctx.fillRect(left, bbox.top, Math.max(2, right - left), bbox.height);
              }
              ctx.restore();
            },
          ],
        },
      },
    };
  };
}

/** Where the target came from, in words. */
function targetWords(rpo: VmRpo): string {
  const from = {
    vm: 'set for this VM',
    job: 'set for its job',
    tenant: 'set for its tenant',
    default: 'the default',
  };
  return `RPO target ${formatMinutes(rpo.targetMinutes)} (${from[rpo.targetSource]})`;
}

/** The chart in words: the points' span, the target, the gaps longer than it, and an open one. */
function summarize(
  points: readonly ReplicaPoint[],
  rpo: VmRpo | undefined,
  gaps: readonly Gap[],
  now: number,
) {
  const span = `${plural(points.length, 'restore point')} from ${formatDateTime(points[0]!.pointTime)} to ${formatDateTime(points.at(-1)!.pointTime)}.`;
  if (!rpo) return `${span} Its RPO target is not known, so no gap is marked.`;
  const closed = gaps.filter((g) => !g.open);
  const longest = closed.reduce<Gap | undefined>(
    (l, g) => (!l || g.to - g.from > l.to - l.from ? g : l),
    undefined,
  );
  const open = gaps.find((g) => g.open);
  return [
    span,
    `${targetWords(rpo)}: ${plural(closed.length, 'gap')} longer than that` +
      (longest
        ? `, the longest ${formatAge((longest.to - longest.from) / 1000)}, ending ${formatDateTime(new Date(longest.to).toISOString())}.`
        : '.'),
    open ? `No point for ${formatAge((now - open.from) / 1000)} now, longer than the target.` : '',
  ].join(' ');
}

function TimelineChart({ timeline, vmName, now }: { timeline: Timeline; vmName: string; now: number }) {
  const { points, rpo } = timeline;
  const times = useMemo(() => points.map((p) => Date.parse(p.pointTime)), [points]);
  const target = rpo?.targetMinutes ?? null;
  const gaps = useMemo(
    () => (target === null ? [] : gapsOf(times, target * 60_000, now)),
    [times, target, now],
  );
  const build = useMemo(() => buildTimeline(times, target, gaps, now), [times, target, gaps, now]);
  const first = points[0]!;
  const name = `${vmName}${first.tenant || first.replicaName ? ` (${[first.tenant, first.replicaName].filter(Boolean).join(', ')})` : ''}`;
  return (
    <ChartFigure
      title={`Restore points of ${name}`}
      summary={summarize(points, rpo, gaps, now)}
      legend={target === null ? [pointStyle] : [pointStyle, targetStyle, gapStyle]}
      build={build}
      numbers={{
        caption: `Restore points of ${name}`,
        columns: ['Point time', 'Time since the one before', 'Longer than the target'],
        rows: () =>
          points
            .map((p, i) => {
              const since = i === 0 ? null : (times[i]! - times[i - 1]!) / 1000;
              const over = since !== null && target !== null && since > target * 60;
              return [formatDateTime(p.pointTime), formatAge(since) ?? '—', over ? 'Yes' : 'No'];
            })
            .reverse(),
      }}
    />
  );
}

/** When restore points of one VM arrived, and where the gaps between them outlasted its RPO target. */
export default function VmPointTimeline({ vmName, tenant }: { vmName: string; tenant?: string | undefined }) {
  const filters = { vm: vmName, ...(tenant ? { tenant } : {}) };
  const points = useReplicaPoints({
    params: { ...filters, sort: 'pointTime', order: 'desc', limit: String(POINT_LIMIT) },
  });
  const rows = useVmRpo({ params: { ...filters, limit: '100' } });
  const groups = useMemo(
    () => (points.data && rows.data ? timelines(points.data.items, rows.data.items) : null),
    [points.data, rows.data],
  );

  if (!groups) {
    const failed = points.isError ? points : rows.isError ? rows : null;
    return failed ? (
      <LoadFailure query={failed} title={`Could not load the restore points of ${vmName}`} />
    ) : (
      <p className="text-sm text-slate-700">Loading the restore points of {vmName}…</p>
    );
  }
  if (groups.length === 0) return null;
  return (
    <section aria-label={`Restore point timeline of ${vmName}`} className="flex flex-col gap-3">
      {points.data!.total > POINT_LIMIT ? (
        <p className="text-sm text-slate-700">
          The charts show the newest {POINT_LIMIT} of {plural(points.data!.total, 'restore point')}.
        </p>
      ) : null}
      {groups.slice(0, MAX_CHARTS).map((t) => (
        // Gaps are measured at the time of the data, so the chart is redrawn only when new data comes.
        <TimelineChart key={t.key} timeline={t} vmName={vmName} now={Date.parse(points.data!.asOf)} />
      ))}
      {groups.length > MAX_CHARTS ? (
        <p className="text-sm text-slate-700">
          {plural(groups.length - MAX_CHARTS, 'more VM')} of this name: filter by tenant to chart them.
        </p>
      ) : null}
    </section>
  );
}
