import { boundingBox, haversineKm, scheduleDays } from './directory.rules';

describe('haversine distance', () => {
  it.each([
    // known great-circle distances (mean Earth radius 6371.0088 km)
    [51.5007, -0.1246, 48.8584, 2.2945, 340.5], // Big Ben to the Eiffel Tower
    [53.7997, -1.5492, 53.4808, -2.2426, 58], // Leeds to Manchester city centres
    [53.8, -1.55, 53.8, -1.55, 0],
  ])('(%f, %f) to (%f, %f) is about %f km', (lat1, lon1, lat2, lon2, km) => {
    expect(Math.abs(haversineKm(lat1, lon1, lat2, lon2) - km)).toBeLessThan(1);
  });
});

describe('bounding box', () => {
  it('contains every point of the circle: the points due north, south, east and west at the radius are inside', () => {
    const box = boundingBox(53.8, -1.55, 5);
    for (const [lat, lon] of [
      [box.maxLat, -1.55],
      [box.minLat, -1.55],
      [53.8, box.maxLon],
      [53.8, box.minLon],
    ]) {
      expect(haversineKm(53.8, -1.55, lat, lon)).toBeGreaterThanOrEqual(4.99);
    }
    expect(box.maxLon - box.minLon).toBeGreaterThan(box.maxLat - box.minLat); // longitude degrees are shorter away from the equator
  });
});

describe('schedule days', () => {
  it.each([
    [['mon', 'wed'], undefined, ['mon', 'wed']],
    [undefined, 'FREQ=WEEKLY;BYDAY=TU,TH', ['tue', 'thu']],
    [undefined, 'FREQ=MONTHLY;BYDAY=1SA', ['sat']],
    [undefined, 'FREQ=DAILY', []],
    [[], undefined, []],
  ] as const)('%j / %s -> %j', (days, rrule, expected) => {
    expect(scheduleDays(days as never, rrule)).toEqual(expected);
  });
});
