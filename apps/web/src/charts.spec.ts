import { barChart, histogram, niceMax, percent, signed } from './charts';

describe('charts', () => {
  it('rounds an axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 12, 45, 101].map(niceMax)).toEqual([1, 1, 5, 10, 20, 50, 200]);
  });

  it('draws a histogram: bar heights in proportion, the tallest at the top of the axis, a marker before a bar', () => {
    const chart = histogram(
      [
        { label: '0-1', value: 10 },
        { label: '1-2', value: 5 },
        { label: '2-3', value: 0 },
        { label: '3-4', value: null },
      ],
      { markerBefore: 2, markerLabel: '18 weeks' },
    );
    const [a, b, c, d] = chart.bars;
    const inner = chart.height - chart.plot.top - chart.plot.bottom;
    expect(a.height).toBe(inner);
    expect(a.y).toBe(chart.plot.top);
    expect(b.height).toBe(inner / 2);
    expect(c.height).toBe(0);
    expect(d).toMatchObject({ height: 0, valueText: '–' });
    expect(b.x).toBeGreaterThan(a.x);
    // The marker sits on the left edge of the third bar's slot.
    expect(chart.marker).toEqual({ x: c.x - 1, label: '18 weeks' });
    expect(chart.yTicks.map((t) => t.text)).toEqual(['0', '5', '10']);
    expect(chart.width).toBe(chart.plot.left + chart.plot.right + 4 * (a.width + 2));
  });

  it('labels at most about a dozen bars along the bottom of a long histogram', () => {
    const chart = histogram(Array.from({ length: 105 }, (_, i) => ({ label: String(i), value: i })));
    expect(chart.xLabels.length).toBeLessThanOrEqual(12);
    expect(chart.xLabels[0].text).toBe('0');
    expect(chart.marker).toBeNull();
  });

  it('draws horizontal bars from zero, negative values to the left, scaled to the largest magnitude', () => {
    const chart = barChart(
      [
        { label: 'Physiotherapy', value: -4 },
        { label: 'Psychology', value: 2 },
        { label: 'Pain management programme', value: null },
      ],
      { format: signed },
    );
    const [physio, psych, none] = chart.bars;
    expect(physio.negative).toBe(true);
    expect(physio.x + physio.width).toBeCloseTo(chart.zeroX);
    expect(physio.valueAnchor).toBe('end');
    expect(physio.valueText).toBe('−4');
    expect(psych.x).toBe(chart.zeroX);
    expect(psych.width).toBeCloseTo(physio.width / 2, 0);
    expect(psych.valueText).toBe('+2');
    expect(none).toMatchObject({ width: 0, valueText: '–' });
    expect(chart.height).toBe(chart.plot.top + chart.plot.bottom + 3 * 36);
  });

  it('starts bars at the left when no value is negative, and honours a fixed maximum (a share out of 1)', () => {
    const chart = barChart([{ label: 'Physiotherapy', value: 0.25 }], { format: percent, max: 1 });
    expect(chart.zeroX).toBe(chart.plot.left);
    expect(chart.bars[0].width).toBe(90);
    expect(chart.bars[0].valueText).toBe('25%');
  });
});
