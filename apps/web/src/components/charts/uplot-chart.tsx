// Loaded only when a chart is shown (see chart-figure.tsx): the chart library and its CSS live here.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartBuilder, ChartKit, FillPattern, MarkerShape, SeriesStyle } from './chart-kit.ts';

const DARK = '(prefers-color-scheme: dark)';

/**
 * Changes whenever the page may have turned light or dark: the reader's choice (`data-theme` on the
 * root, see lib/theme.ts) or their system's, so the chart re-reads the page's colours.
 */
function useThemeVersion(): string {
  return useSyncExternalStore(
    (onChange) => {
      const query = matchMedia(DARK);
      query.addEventListener('change', onChange);
      const chosen = new MutationObserver(onChange);
      chosen.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
      return () => {
        query.removeEventListener('change', onChange);
        chosen.disconnect();
      };
    },
    () => `${document.documentElement.dataset.theme ?? ''} ${matchMedia(DARK).matches}`,
    () => '',
  );
}

/** Any CSS colour the page computes (rgb, oklch, ...) as rgba, by letting a canvas read it. */
function translucent(color: string, alpha: number): string {
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!ctx) return color;
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

const TILE = 8;

/** The pattern's lines on one tile, drawn over a faint wash of the colour. */
function drawTile(ctx: CanvasRenderingContext2D, pattern: FillPattern, color: string, dpr: number) {
  const s = TILE * dpr;
  ctx.fillStyle = color;
  ctx.globalAlpha = pattern === 'solid' ? 0.45 : 0.18;
  ctx.fillRect(0, 0, s, s);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5 * dpr;
  ctx.beginPath();
  if (pattern === 'diagonal' || pattern === 'cross') {
    ctx.moveTo(0, s);
    ctx.lineTo(s, 0);
    ctx.moveTo(-s / 2, s / 2);
    ctx.lineTo(s / 2, -s / 2);
    ctx.moveTo(s / 2, s + s / 2);
    ctx.lineTo(s + s / 2, s / 2);
  }
  if (pattern === 'cross') {
    ctx.moveTo(0, 0);
    ctx.lineTo(s, s);
    ctx.moveTo(-s / 2, s / 2);
    ctx.lineTo(s / 2, s + s / 2);
    ctx.moveTo(s / 2, -s / 2);
    ctx.lineTo(s + s / 2, s / 2);
  }
  if (pattern === 'horizontal') {
    ctx.moveTo(0, s / 2);
    ctx.lineTo(s, s / 2);
  }
  ctx.stroke();
  if (pattern === 'dots') {
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.arc(s / 4, s / 4, 1.4 * dpr, 0, 2 * Math.PI);
    ctx.arc((3 * s) / 4, (3 * s) / 4, 1.4 * dpr, 0, 2 * Math.PI);
    ctx.fill();
  }
}

function drawMarker(
  ctx: CanvasRenderingContext2D,
  shape: MarkerShape,
  x: number,
  y: number,
  size: number,
  color: string,
) {
  const r = size / 2;
  ctx.save();
  ctx.fillStyle = color;
  ctx.strokeStyle = color;
  ctx.lineWidth = Math.max(1.5, size / 5);
  ctx.beginPath();
  if (shape === 'circle' || shape === 'ring') ctx.arc(x, y, r, 0, 2 * Math.PI);
  else if (shape === 'square') ctx.rect(x - r, y - r, size, size);
  else if (shape === 'triangle') {
    ctx.moveTo(x, y - r);
    ctx.lineTo(x + r, y + r);
    ctx.lineTo(x - r, y + r);
    ctx.closePath();
  } else {
    ctx.moveTo(x - r, y - r);
    ctx.lineTo(x + r, y + r);
    ctx.moveTo(x + r, y - r);
    ctx.lineTo(x - r, y + r);
  }
  if (shape === 'ring' || shape === 'cross') ctx.stroke();
  else ctx.fill();
  ctx.restore();
}

function makeKit(el: HTMLElement): ChartKit {
  const color = getComputedStyle(el).color;
  const text = translucent(color, 1);
  const grid = translucent(color, 0.15);
  const dpr = window.devicePixelRatio || 1;
  const patterns = new Map<string, CanvasPattern | string>();
  return {
    uPlot,
    text,
    grid,
    fill(style: SeriesStyle) {
      const pattern = style.pattern ?? 'solid';
      const key = `${pattern} ${style.color}`;
      let fill = patterns.get(key);
      if (!fill) {
        const tile = document.createElement('canvas');
        tile.width = tile.height = TILE * dpr;
        const ctx = tile.getContext('2d');
        if (ctx) drawTile(ctx, pattern, style.color, dpr);
        fill = (ctx && ctx.createPattern(tile, 'repeat')) ?? style.color;
        patterns.set(key, fill);
      }
      return fill;
    },
    marker: drawMarker,
    axes(y = {}) {
      const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
      return [axis, { ...axis, ...y }];
    },
  };
}

/** One uPlot chart filling its box, redrawn on resize and when the page turns light or dark. */
export default function UplotChart({ build }: { build: ChartBuilder }) {
  const ref = useRef<HTMLDivElement>(null);
  const theme = useThemeVersion();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { options, data } = build(makeKit(el));
    const size = () => ({ width: el.clientWidth, height: el.clientHeight });
    const plot = new uPlot({ ...options, ...size() }, data, el);
    const resized = new ResizeObserver(() => plot.setSize(size()));
    resized.observe(el);
    return () => {
      resized.disconnect();
      plot.destroy();
    };
  }, [build, theme]);
  return <div ref={ref} className="h-full w-full overflow-hidden" />;
}
