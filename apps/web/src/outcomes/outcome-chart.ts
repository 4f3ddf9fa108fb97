/**
 * The geometry of one outcome measure's line chart, drawn by `line` in views/partials/charts.njk as inline SVG (so
 * every label is escaped by the view). Pure: numbers in, coordinates out.
 */

export interface ChartInput {
  /** The lowest and highest total the measure can have: the y axis. */
  min: number;
  max: number;
  /** Recordings in the order they were made; `label` names each on the x axis (a date). */
  points: { value: number; label: string }[];
  /** Band thresholds: a dashed line where each band starts, labelled with the band. */
  bands?: { from: number; label: string }[];
}

export interface OutcomeChart {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  yTicks: { y: number; label: string }[];
  xTicks: { x: number; label: string }[];
  bands: { y: number; label: string }[];
  /** The `points` attribute of the polyline joining the recordings (empty with fewer than two). */
  line: string;
  points: { x: number; y: number; value: number; label: string }[];
}

const WIDTH = 720;
const HEIGHT = 320;
const PLOT = { left: 56, top: 16, right: WIDTH - 150, bottom: HEIGHT - 56 };
/** At most this many dates under the x axis, so they never overlap; the table beside the chart has them all. */
const MAX_X_LABELS = 6;

/** A round step giving about six ticks over the range. */
function tickStep(range: number): number {
  return [1, 2, 5, 10, 20, 25, 50, 100].find((step) => range / step <= 6) ?? Math.ceil(range / 6);
}

const round = (n: number) => Math.round(n * 10) / 10;

export function outcomeChart(input: ChartInput): OutcomeChart {
  const range = input.max - input.min || 1;
  const y = (value: number) => round(PLOT.bottom - ((value - input.min) / range) * (PLOT.bottom - PLOT.top));
  const n = input.points.length;
  const x = (i: number) => round(n === 1 ? (PLOT.left + PLOT.right) / 2 : PLOT.left + 16 + (i * (PLOT.right - PLOT.left - 32)) / (n - 1));
  const step = tickStep(range);
  const yTicks: OutcomeChart['yTicks'] = [];
  for (let value = input.min; value <= input.max; value += step) yTicks.push({ y: y(value), label: String(value) });
  if ((input.max - input.min) % step !== 0) yTicks.push({ y: y(input.max), label: String(input.max) });
  const every = Math.ceil(n / MAX_X_LABELS);
  const points = input.points.map((p, i) => ({ x: x(i), y: y(p.value), value: p.value, label: p.label }));
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: PLOT,
    yTicks,
    xTicks: points.filter((_, i) => i % every === 0 || i === n - 1).map((p) => ({ x: p.x, label: p.label })),
    bands: (input.bands ?? []).filter((b) => b.from > input.min && b.from <= input.max).map((b) => ({ y: y(b.from), label: b.label })),
    line: n > 1 ? points.map((p) => `${p.x},${p.y}`).join(' ') : '',
    points,
  };
}

/** Where each band starts, from the rules' [highest total in the band, band] list (the first band starts at the minimum). */
export function bandStarts(bands: readonly (readonly [number, string])[] | undefined): { from: number; label: string }[] {
  return (bands ?? []).slice(1).map(([, label], i) => ({ from: (bands as readonly (readonly [number, string])[])[i][0] + 1, label }));
}
