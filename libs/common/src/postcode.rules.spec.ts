import { normalisePostcode, postcodeOutcode } from './postcode.rules';

describe('UK postcode — BS7666 shape (DOMAIN-RULES.md "UK postcode")', () => {
  it.each([
    ['sw1a 1aa', 'SW1A 1AA'],
    ['SW1A1AA', 'SW1A 1AA'],
    ['  m1   1ae ', 'M1 1AE'],
    ['B33 8TH', 'B33 8TH'],
    ['cr2 6xh', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    ['W1A 0AX', 'W1A 0AX'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['gir 0aa', 'GIR 0AA'],
    ['LS1 4AP', 'LS1 4AP'],
  ])('normalises %s to %s', (input, expected) => {
    expect(normalisePostcode(input)).toBe(expected);
  });

  it.each([
    ['SW1A 1CA', 'inward letter C is not used'],
    ['SW1A 1AI', 'inward letter I is not used'],
    ['M1 1AK', 'inward letter K is not used'],
    ['M1 1MA', 'inward letter M is not used'],
    ['M1 1AO', 'inward letter O is not used'],
    ['M1 1VA', 'inward letter V is not used'],
    ['1M 1AA', 'area must start with a letter'],
    ['ABC1 1AA', 'area is at most two letters'],
    ['M1', 'outward code only'],
    ['M1 AAA', 'inward must start with a digit'],
    ['M1 1A', 'inward is three characters'],
    ['', 'empty'],
    ['SW1A-1AA', 'punctuation'],
  ])('rejects %s (%s)', (input) => {
    expect(normalisePostcode(input)).toBeNull();
  });

  it('takes the outcode (district) from a normalised postcode', () => {
    expect(postcodeOutcode('SW1A 1AA')).toBe('SW1A');
  });
});
