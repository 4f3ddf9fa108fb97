import { formatDate, formatDateTime, humanise } from './view-filters';

describe('view filters', () => {
  it('writes dates as the NHS does, in London time', () => {
    expect(formatDate('2026-03-03')).toBe('3 March 2026');
    expect(formatDate('2026-06-30T23:30:00Z')).toBe('1 July 2026');
    expect(formatDateTime('2026-06-30T13:05:00Z')).toBe('30 June 2026 at 2:05pm');
    expect(formatDate(null)).toBe('');
  });

  it('turns enum values into words, keeping the clinic’s capitals', () => {
    expect(humanise('large-print')).toBe('Large print');
    expect(humanise('awaiting_triage')).toBe('Awaiting triage');
    expect(humanise('mdt-action')).toBe('MDT action');
    expect(humanise('dna-review')).toBe('DNA review');
    expect(humanise('bsl-interpreter')).toBe('BSL interpreter');
  });
});
