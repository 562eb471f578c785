import { useId, useState, type ReactNode } from 'react';
import type { ChartBuilder, FillPattern, MarkerShape, SeriesStyle } from './chart-kit.ts';
import UplotChart from './uplot-chart.tsx';

/** The numbers behind a chart, as a table; its rows are made only when the reader opens it. */
export interface ChartNumbers {
  caption: string;
  columns: readonly string[];
  rows: () => readonly (readonly ReactNode[])[];
}

/**
 * A chart with its text alternative: a caption that says what it shows, a legend whose entries
 * differ by pattern or shape and by label as well as by colour, and the numbers as a table. The
 * canvas itself is hidden from screen readers, which get the caption and the table instead.
 */
export function ChartFigure({
  title,
  summary,
  legend,
  build,
  numbers,
  controls,
  heightClass = 'h-56',
}: {
  title: string;
  summary: ReactNode;
  /** Inputs that change what the chart shows (a range), beside its title. */
  controls?: ReactNode;
  legend: readonly SeriesStyle[];
  build: ChartBuilder;
  numbers: ChartNumbers;
  heightClass?: string;
}) {
  return (
    <figure className="flex flex-col gap-2 rounded-lg border border-slate-300 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <figcaption>
          <span className="font-semibold">{title}</span>
          <span className="block text-sm text-slate-700">{summary}</span>
        </figcaption>
        {controls}
      </div>
      <ChartLegend items={legend} />
      <div aria-hidden="true" className={`${heightClass} w-full text-slate-700`}>
        <UplotChart build={build} />
      </div>
      <NumbersTable numbers={numbers} />
    </figure>
  );
}

function NumbersTable({ numbers }: { numbers: ChartNumbers }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="text-sm" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-sky-900 underline decoration-sky-900/40">
        {numbers.caption}: the numbers
      </summary>
      {open ? (
        <div className="relative mt-2 max-h-80 overflow-auto rounded border border-slate-300" tabIndex={0}>
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{numbers.caption}</caption>
            <thead>
              <tr>
                {numbers.columns.map((c) => (
                  <th
                    key={c}
                    scope="col"
                    className="sticky top-0 border-b border-slate-300 bg-slate-100 px-2 py-1 font-semibold"
                  >
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {numbers.rows().map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j} className="border-b border-slate-200 px-2 py-1 tabular-nums">
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </details>
  );
}

/** The legend, in SVG: each entry's pattern or marker, as the canvas draws it, beside its label. */
function ChartLegend({ items }: { items: readonly SeriesStyle[] }) {
  // An id usable inside url(#…): React's ids carry punctuation.
  const id = useId().replace(/[^\w-]/g, '');
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {items.map((item, i) => (
        <li key={item.label} className="flex items-center gap-1.5">
          <svg viewBox="0 0 16 16" className="size-4 shrink-0" aria-hidden="true">
            {item.dashed ? (
              <path d="M0 8H16" stroke={item.color} strokeWidth="2" strokeDasharray="4 2" />
            ) : item.marker ? (
              <Marker shape={item.marker} color={item.color} />
            ) : (
              <Swatch id={`${id}-${i}`} pattern={item.pattern ?? 'solid'} color={item.color} />
            )}
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}

function Swatch({ id, pattern, color }: { id: string; pattern: FillPattern; color: string }) {
  return (
    <>
      <defs>
        <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" fill={color} fillOpacity={pattern === 'solid' ? 0.45 : 0.18} />
          {pattern === 'diagonal' || pattern === 'cross' ? (
            <path d="M0 6L6 0M-3 3L3 -3M3 9L9 3" stroke={color} strokeWidth="1.2" />
          ) : null}
          {pattern === 'cross' ? (
            <path d="M0 0L6 6M-3 3L3 9M3 -3L9 3" stroke={color} strokeWidth="1.2" />
          ) : null}
          {pattern === 'horizontal' ? <path d="M0 3H6" stroke={color} strokeWidth="1.2" /> : null}
          {pattern === 'dots' ? (
            <>
              <circle cx="1.5" cy="1.5" r="1" fill={color} />
              <circle cx="4.5" cy="4.5" r="1" fill={color} />
            </>
          ) : null}
        </pattern>
      </defs>
      <rect x="0.5" y="0.5" width="15" height="15" fill={`url(#${id})`} stroke={color} />
    </>
  );
}

function Marker({ shape, color }: { shape: MarkerShape; color: string }) {
  if (shape === 'circle') return <circle cx="8" cy="8" r="5" fill={color} />;
  if (shape === 'ring') return <circle cx="8" cy="8" r="5" fill="none" stroke={color} strokeWidth="2" />;
  if (shape === 'square') return <rect x="3" y="3" width="10" height="10" fill={color} />;
  if (shape === 'triangle') return <path d="M8 3L13 13H3Z" fill={color} />;
  return <path d="M3 3L13 13M13 3L3 13" stroke={color} strokeWidth="2" />;
}
