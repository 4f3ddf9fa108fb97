import { MEASURE_BANDS } from '@carepath/pathways';
import { bandStarts, outcomeChart } from './outcome-chart';

describe('outcomeChart', () => {
  it('places recordings left to right in order, higher totals higher, joined by one line', () => {
    const chart = outcomeChart({
      min: 0,
      max: 27,
      points: [
        { value: 18, label: '2 March 2026' },
        { value: 9, label: '1 June 2026' },
        { value: 0, label: '1 September 2026' },
      ],
    });
    const [a, b, c] = chart.points;
    expect(a.x).toBeLessThan(b.x);
    expect(b.x).toBeLessThan(c.x);
    expect(a.y).toBeLessThan(b.y);
    expect(c.y).toBe(chart.plot.bottom);
    expect(chart.line).toBe(`${a.x},${a.y} ${b.x},${b.y} ${c.x},${c.y}`);
    expect(chart.xTicks.map((t) => t.label)).toEqual(['2 March 2026', '1 June 2026', '1 September 2026']);
  });

  it('puts the maximum at the top of the plot and labels round ticks plus the maximum', () => {
    const chart = outcomeChart({ min: 0, max: 27, points: [{ value: 27, label: 'x' }] });
    expect(chart.points[0].y).toBe(chart.plot.top);
    expect(chart.yTicks.map((t) => t.label)).toEqual(['0', '5', '10', '15', '20', '25', '27']);
    expect(outcomeChart({ min: 0, max: 10, points: [] }).yTicks.map((t) => t.label)).toEqual(['0', '2', '4', '6', '8', '10']);
    expect(outcomeChart({ min: 0, max: 100, points: [] }).yTicks.map((t) => t.label)).toEqual(['0', '20', '40', '60', '80', '100']);
  });

  it('draws a single recording as a point in the middle, with no line', () => {
    const chart = outcomeChart({ min: 0, max: 10, points: [{ value: 5, label: 'today' }] });
    expect(chart.line).toBe('');
    expect(chart.points[0].x).toBe((chart.plot.left + chart.plot.right) / 2);
  });

  it('labels at most six dates under the axis, always the last', () => {
    const points = Array.from({ length: 13 }, (_, i) => ({ value: i % 11, label: `day ${i}` }));
    const labels = outcomeChart({ min: 0, max: 10, points }).xTicks.map((t) => t.label);
    expect(labels.length).toBeLessThanOrEqual(7);
    expect(labels[0]).toBe('day 0');
    expect(labels[labels.length - 1]).toBe('day 12');
  });

  it('draws the PHQ-9 band thresholds of DOMAIN-RULES.md (mild from 5, moderate 10, moderately severe 15, severe 20)', () => {
    const bands = bandStarts(MEASURE_BANDS.PHQ9);
    expect(bands).toEqual([
      { from: 5, label: 'mild' },
      { from: 10, label: 'moderate' },
      { from: 15, label: 'moderately severe' },
      { from: 20, label: 'severe' },
    ]);
    const chart = outcomeChart({ min: 0, max: 27, points: [], bands });
    expect(chart.bands.map((b) => b.label)).toEqual(['mild', 'moderate', 'moderately severe', 'severe']);
    expect(chart.bands[0].y).toBeGreaterThan(chart.bands[3].y);
    expect(bandStarts(undefined)).toEqual([]);
  });
});
