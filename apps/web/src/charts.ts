/**
 * Charts drawn on the server: pure functions that turn numbers into the geometry of an SVG, which
 * `partials/charts.njk` renders (escaped, with a title, beside a table of the same numbers). No script, nothing
 * fetched: a chart is part of the page.
 */

export interface Bar {
  label: string;
  /** null: no figure for this bar (drawn as nothing, written as "–"). */
  value: number | null;
}

export interface DrawnBar {
  label: string;
  valueText: string;
  x: number;
  y: number;
  width: number;
  height: number;
  negative: boolean;
}

/** Vertical bars side by side (a histogram), with an optional vertical marker line between two bars. */
export interface Histogram {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  bars: DrawnBar[];
  /** Axis labels along the bottom, every few bars so they do not overlap. */
  xLabels: { x: number; text: string }[];
  yTicks: { y: number; text: string }[];
  marker: { x: number; label: string } | null;
}

/** Horizontal bars, one per row with its label at the left, from a zero line (values may be negative). */
export interface BarChart {
  width: number;
  height: number;
  zeroX: number;
  plot: { left: number; top: number; right: number; bottom: number };
  bars: (DrawnBar & { labelY: number; valueX: number; valueAnchor: 'start' | 'end' })[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** A round top for an axis: 1, 2 or 5 times a power of ten, at least `max` (and at least 1). */
export function niceMax(max: number): number {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * power).find((top) => top >= max) as number;
}

/**
 * A histogram of `bars` in order. `markerBefore` draws a line at the left edge of that bar (the 18-week line before
 * the band "18-19"), labelled `markerLabel`.
 */
export function histogram(
  bars: Bar[],
  options: { markerBefore?: number; markerLabel?: string; format?: (n: number) => string } = {},
): Histogram {
  const format = options.format ?? String;
  const plot = { left: 48, top: 24, right: 16, bottom: 40 };
  const barWidth = Math.max(4, Math.min(40, Math.floor(640 / Math.max(bars.length, 1))));
  const width = plot.left + plot.right + barWidth * bars.length;
  const height = 260;
  const inner = height - plot.top - plot.bottom;
  const top = niceMax(Math.max(0, ...bars.map((b) => b.value ?? 0)));
  const y = (value: number) => plot.top + inner - (value / top) * inner;
  const drawn = bars.map((b, i) => {
    const value = Math.max(0, b.value ?? 0);
    return {
      label: b.label,
      valueText: b.value === null ? '–' : format(b.value),
      x: plot.left + i * barWidth + 1,
      y: round1(y(value)),
      width: barWidth - 2,
      height: round1((value / top) * inner),
      negative: false,
    };
  });
  const every = Math.max(1, Math.ceil(bars.length / 12));
  return {
    width,
    height,
    plot,
    bars: drawn,
    xLabels: drawn.filter((_, i) => i % every === 0).map((b) => ({ x: round1(b.x + b.width / 2), text: b.label })),
    // Counts: whole-number ticks only.
    yTicks: [0, top / 2, top].filter(Number.isInteger).map((v) => ({ y: round1(y(v)), text: format(v) })),
    marker:
      options.markerBefore !== undefined && options.markerBefore <= bars.length
        ? { x: plot.left + options.markerBefore * barWidth, label: options.markerLabel ?? '' }
        : null,
  };
}

/** Horizontal bars for `bars`, scaled to the largest magnitude, with negative values drawn left of zero. */
export function barChart(bars: Bar[], options: { format?: (n: number) => string; max?: number } = {}): BarChart {
  const format = options.format ?? String;
  const plot = { left: 200, top: 8, right: 72, bottom: 8 };
  const rowHeight = 36;
  const innerWidth = 360;
  const width = plot.left + innerWidth + plot.right;
  const height = plot.top + plot.bottom + rowHeight * bars.length;
  const values = bars.map((b) => b.value ?? 0);
  const hasNegative = values.some((v) => v < 0);
  const magnitude = options.max ?? niceMax(Math.max(0, ...values.map(Math.abs)));
  // With negative values the zero line sits in the middle; otherwise at the left.
  const span = hasNegative ? innerWidth / 2 - 48 : innerWidth;
  const zeroX = plot.left + (hasNegative ? innerWidth / 2 : 0);
  return {
    width,
    height,
    zeroX,
    plot,
    bars: bars.map((b, i) => {
      const value = b.value ?? 0;
      const length = round1((Math.min(Math.abs(value), magnitude) / magnitude) * span);
      const negative = value < 0;
      const y = plot.top + i * rowHeight + 6;
      return {
        label: b.label,
        valueText: b.value === null ? '–' : format(b.value),
        x: negative ? round1(zeroX - length) : zeroX,
        y,
        width: length,
        height: rowHeight - 12,
        negative,
        labelY: y + (rowHeight - 12) / 2 + 5,
        valueX: negative ? round1(zeroX - length - 6) : round1(zeroX + length + 6),
        valueAnchor: negative ? 'end' : 'start',
      };
    }),
  };
}

/** "12%" for a share 0–1. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** "+3.5" or "−2": a change with its sign (a true minus sign). */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}
