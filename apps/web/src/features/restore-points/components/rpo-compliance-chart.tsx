import type { RpoHistorySample } from '@lifeboat/shared';
import { useMemo, useState } from 'react';
import { ChartFigure } from '../../../components/charts/chart-figure.tsx';
import type { ChartBuilder } from '../../../components/charts/chart-kit.ts';
import { LoadFailure } from '../../../components/ui/feedback.tsx';
import { formatCount, formatDateTime } from '../../../lib/format.ts';
import { rpoHistoryRanges, useRpoHistory, type RpoHistoryRange } from '../api/get-rpo-history.ts';
import { gradesBottomUp, gradeStyle } from './rpo-grade-styles.ts';

const rangeLabels = new Map<number, string>([
  [24, '24 hours'],
  [168, '7 days'],
  [720, '30 days'],
]);
const rangeName = (hours: number) => rangeLabels.get(hours) ?? `${hours} hours`;

const total = (s: RpoHistorySample) => gradesBottomUp.reduce((n, g) => n + s.counts[g], 0);
const share = (s: RpoHistorySample) => (total(s) ? s.counts.compliant / total(s) : 1);
const percent = (ratio: number) => `${Math.floor(ratio * 1000) / 10}%`;

/** VMs per RPO grade over time, stacked with the worst at the bottom; each sample holds until the next. */
function buildChart(items: readonly RpoHistorySample[], from: number, to: number): ChartBuilder {
  return (kit) => {
    const xs = items.map((s) => Date.parse(s.at) / 1000);
    let running = items.map(() => 0);
    const stacked = gradesBottomUp.map(
      (grade) => (running = running.map((n, i) => n + items[i]!.counts[grade])),
    );
    const stepped = kit.uPlot.paths.stepped?.({ align: 1 });
    return {
      data: [xs, ...stacked],
      options: {
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: true, range: [from / 1000, to / 1000] },
          y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.05)] },
        },
        axes: kit.axes({ values: (_u, ticks) => ticks.map((t) => formatCount(t)) }),
        series: [
          {},
          ...gradesBottomUp.map((grade, i) => ({
            label: gradeStyle[grade].label,
            stroke: gradeStyle[grade].color,
            width: 1,
            ...(stepped ? { paths: stepped } : {}),
            // The lowest band fills down to zero; each band above fills down to the one below it.
            ...(i === 0 ? { fill: kit.fill(gradeStyle[grade]) } : {}),
          })),
        ],
        bands: gradesBottomUp.slice(1).map((grade, i) => ({
          series: [i + 2, i + 1] as [number, number],
          fill: kit.fill(gradeStyle[grade]),
        })),
      },
    };
  };
}

/** The chart in words: where compliance stands at the last sample, and its lowest in the range. */
function summarize(items: readonly RpoHistorySample[], range: string): string {
  const latest = items.at(-1);
  if (!latest) return `No samples in the last ${range}.`;
  const others = gradesBottomUp
    .filter((g) => g !== 'compliant')
    .map((g) => `${formatCount(latest.counts[g])} ${gradeStyle[g].label.toLowerCase()}`);
  const worst = items.reduce((w, s) => (share(s) < share(w) ? s : w));
  return (
    `Last ${range}, ${formatCount(items.length)} samples. At ${formatDateTime(latest.at)}: ` +
    `${formatCount(latest.counts.compliant)} of ${formatCount(total(latest))} VMs compliant ` +
    `(${percent(share(latest))}), ${others.join(', ')}. ` +
    `Lowest: ${percent(share(worst))} compliant, at ${formatDateTime(worst.at)}.`
  );
}

/** RPO compliance over the chosen range, from the samples the BFF keeps, with its text alternative. */
export default function RpoComplianceChart() {
  const [hours, setHours] = useState<RpoHistoryRange>(24);
  const query = useRpoHistory(hours);
  const data = query.data;
  const build = useMemo(() => {
    if (!data) return null;
    const to = Date.parse(data.asOf);
    return buildChart(data.items, to - data.hours * 3_600_000, to);
  }, [data]);

  const controls = (
    <div role="group" aria-label="Range" className="flex gap-1 text-sm">
      {rpoHistoryRanges.map((h) => (
        <button
          key={h}
          type="button"
          aria-pressed={h === hours}
          onClick={() => setHours(h)}
          className="rounded-md border border-slate-400 px-2 py-1 aria-pressed:bg-slate-800 aria-pressed:text-white"
        >
          {rangeName(h)}
        </button>
      ))}
    </div>
  );

  if (!data || !build) {
    return query.isError ? (
      <LoadFailure query={query} title="Could not load the RPO history" />
    ) : (
      <p className="text-sm text-slate-700">Loading the RPO history…</p>
    );
  }
  // While another range loads, the one shown is named as what it is.
  const range = rangeName(data.hours);
  const items = data.items;
  if (items.length === 0)
    return (
      <section className="flex flex-wrap items-start justify-between gap-2 rounded-lg border border-slate-300 bg-white p-4">
        <p className="text-sm text-slate-700">
          <span className="block font-semibold text-slate-900">RPO compliance over time</span>
          No samples in the last {range} yet: one is taken after each poll that brings new restore points, at
          most once a minute.
        </p>
        {controls}
      </section>
    );
  return (
    <>
      <LoadFailure query={query} title="Could not load the RPO history" />
      <ChartFigure
        title="RPO compliance over time"
        summary={summarize(items, range)}
        controls={controls}
        legend={[...gradesBottomUp].reverse().map((g) => gradeStyle[g])}
        build={build}
        numbers={{
          caption: `VMs per RPO grade, last ${range}`,
          columns: ['Time', ...gradesBottomUp.map((g) => gradeStyle[g].label)],
          rows: () =>
            items
              .toReversed()
              .map((s) => [formatDateTime(s.at), ...gradesBottomUp.map((g) => formatCount(s.counts[g]))]),
        }}
      />
    </>
  );
}
