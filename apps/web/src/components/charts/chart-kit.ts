// The contract between a feature's chart and the lazily loaded chart module. Type-only imports of
// the library: nothing here pulls it into the initial bundle.
import type uPlot from 'uplot';

/** A fill drawn in a series' colour, so that series differ by more than their colour. */
export type FillPattern = 'solid' | 'diagonal' | 'cross' | 'dots' | 'horizontal';
/** A point marker, for the same reason. */
export type MarkerShape = 'circle' | 'ring' | 'square' | 'triangle' | 'cross';

/** How one series looks, in the chart and in its legend: a label, a colour, and a pattern or a shape. */
export interface SeriesStyle {
  label: string;
  /** Mid-tone, so that it reads on a light and on a dark background. */
  color: string;
  pattern?: FillPattern;
  marker?: MarkerShape;
  /** A dashed line (a threshold), in the legend as in the chart. */
  dashed?: boolean;
}

/** What a chart's builder gets once the library is loaded. */
export interface ChartKit {
  uPlot: typeof uPlot;
  /** The page's text colour (axes, labels), read from the page so the chart follows a dark look. */
  text: string;
  /** Grid lines: the text colour, faint. */
  grid: string;
  /** The canvas fill of a series: its pattern in its colour. */
  fill(style: SeriesStyle): CanvasPattern | string;
  /** Draws a marker centred on (x, y), canvas pixels. */
  marker(
    ctx: CanvasRenderingContext2D,
    shape: MarkerShape,
    x: number,
    y: number,
    size: number,
    color: string,
  ): void;
  /** Axes in the page's colours: time along x, then y with `y` merged in. */
  axes(y?: Partial<uPlot.Axis>): uPlot.Axis[];
}

/** A chart: uPlot's options (its size comes from the page) and its data. */
export interface ChartSpec {
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
}

/** Builds a chart from the kit; memoize it, since a new builder draws the chart anew. */
export type ChartBuilder = (kit: ChartKit) => ChartSpec;
