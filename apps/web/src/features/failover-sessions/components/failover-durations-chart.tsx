import type { FailoverSession, RunResult } from '@lifeboat/shared';
import { useMemo } from 'react';
import { ChartFigure } from '../../../components/charts/chart-figure.tsx';
import type { ChartBuilder, MarkerShape, SeriesStyle } from '../../../components/charts/chart-kit.ts';
import { resultDisplay } from '../../../components/status/run-badges.tsx';
import { LoadFailure } from '../../../components/ui/feedback.tsx';
import { formatDateTime, formatDuration, plural } from '../../../lib/format.ts';
import type { ListParams } from '../../../lib/list-query.ts';
import { useFailoverSessions } from '../api/get-failover-sessions.ts';

/** The newest sessions charted. */
const SESSION_LIMIT = 500;

/** Results in the order the legend lists them; "none" and "unknown" share a look, told apart by label. */
const results: readonly RunResult[] = ['success', 'warning', 'failed', 'none', 'unknown'];
const look: Record<RunResult, { color: string; marker: MarkerShape }> = {
  success: { color: '#1b9e77', marker: 'circle' },
  warning: { color: '#a97400', marker: 'triangle' },
  failed: { color: '#da3b6e', marker: 'cross' },
  none: { color: '#7a8699', marker: 'ring' },
  unknown: { color: '#7a8699', marker: 'square' },
};
const resultStyle = Object.fromEntries(
  results.map((r) => [r, { label: resultDisplay[r].label, ...look[r] }]),
) as Record<RunResult, SeriesStyle & { marker: MarkerShape }>;

type Ended = FailoverSession & { startedAt: string; durationSeconds: number };

/** Each ended session as a marker: when it started, how long it took, its result by shape and label. */
function buildChart(sessions: readonly Ended[]): ChartBuilder {
  return (kit) => {
    const xs = sessions.map((s) => Date.parse(s.startedAt) / 1000);
    const shown = results.filter((r) => sessions.some((s) => s.result === r));
    const ys = shown.map((r) => sessions.map((s) => (s.result === r ? s.durationSeconds / 60 : null)));
    const size = 9 * kit.uPlot.pxRatio;
    return {
      data: [xs, ...ys],
      options: {
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: true, range: (_u, min, max) => [min - 3_600, max + 3_600] },
          y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] },
        },
        axes: kit.axes({ size: 72, values: (_u, ticks) => ticks.map((t) => formatDuration(t * 60) ?? '') }),
        series: [
          {},
          ...shown.map((r) => ({
            label: resultStyle[r].label,
            stroke: resultStyle[r].color,
            paths: () => null,
            points: { show: false },
          })),
        ],
        hooks: {
          // uPlot draws only round points: the markers are drawn here, one shape per result.
          draw: [
            (u) => {
              shown.forEach((r, si) => {
                const style = resultStyle[r];
                ys[si]!.forEach((y, i) => {
                  if (y === null) return;
                  const x = u.valToPos(xs[i]!, 'x', true);
                  kit.marker(u.ctx, style.marker, x, u.valToPos(y, 'y', true), size, style.color);
                });
              });
            },
          ],
        },
      },
    };
  };
}

function summarize(ended: readonly Ended[], running: number, total: number): string {
  if (ended.length === 0)
    return `No failover session has ended among these${running ? `; ${plural(running, 'session')} still running` : ''}.`;
  const durations = ended.map((s) => s.durationSeconds).sort((a, b) => a - b);
  const median = durations[Math.floor((durations.length - 1) / 2)]!;
  const longest = ended.reduce((l, s) => (s.durationSeconds > l.durationSeconds ? s : l));
  const counts = results
    .filter((r) => r !== 'success')
    .map((r) => [r, ended.filter((s) => s.result === r).length] as const)
    .filter(([, n]) => n > 0)
    .map(([r, n]) => `${n} ${resultDisplay[r].label.toLowerCase()}`);
  return [
    `${plural(ended.length, 'session')} that ended${total > ended.length + running ? ` (the newest ${SESSION_LIMIT})` : ''},`,
    `started ${formatDateTime(ended[0]!.startedAt)} to ${formatDateTime(ended.at(-1)!.startedAt)}:`,
    `median ${formatDuration(median)}, longest ${formatDuration(longest.durationSeconds)}`,
    `(${longest.planName}, ${resultDisplay[longest.result].label.toLowerCase()}).`,
    counts.length ? `Not successful: ${counts.join(', ')}.` : 'All successful.',
    running ? `${plural(running, 'session')} still running, not charted.` : '',
  ].join(' ');
}

/** How long failover sessions took, for the sessions the list's filters select. */
export default function FailoverDurationsChart({ filters }: { filters: ListParams }) {
  const query = useFailoverSessions({
    params: { ...filters, sort: 'startedAt', order: 'desc', limit: String(SESSION_LIMIT) },
  });
  const page = query.data;
  const ended = useMemo(
    () =>
      (page?.items ?? [])
        .filter(
          (s): s is Ended => s.startedAt !== null && s.durationSeconds !== null && s.state === 'stopped',
        )
        .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt)),
    [page],
  );
  const build = useMemo(() => buildChart(ended), [ended]);
  if (!page) {
    return query.isError ? (
      <LoadFailure query={query} title="Could not load the failover session durations" />
    ) : (
      <p className="text-sm text-slate-700">Loading the failover session durations…</p>
    );
  }
  const running = page.items.filter((s) => s.state !== 'stopped').length;
  const shown = results.filter((r) => ended.some((s) => s.result === r));
  return (
    <ChartFigure
      title="Failover session durations"
      summary={summarize(ended, running, page.total)}
      legend={shown.map((r) => resultStyle[r])}
      build={build}
      numbers={{
        caption: 'Failover session durations',
        columns: ['Plan', 'Started', 'Duration', 'Result'],
        rows: () =>
          ended
            .toReversed()
            .map((s) => [
              s.planName,
              formatDateTime(s.startedAt),
              formatDuration(s.durationSeconds),
              resultDisplay[s.result].label,
            ]),
      }}
    />
  );
}
