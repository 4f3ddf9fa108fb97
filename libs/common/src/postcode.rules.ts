/** UK postcode shape and normalisation (DOMAIN-RULES.md "UK postcode"). Pure functions, no I/O. */

// BS7666: area (1-2 letters) + district (digit, two digits, or digit+letter) + inward (digit + 2 letters, not C I K M O V).
const POSTCODE = /^([A-Z]{1,2}[0-9][0-9A-Z]?)([0-9][ABD-HJLNP-UW-Z]{2})$/;

/** Upper case with one space before the inward code; null when the input is not a UK postcode. */
export function normalisePostcode(input: string): string | null {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  if (compact === 'GIR0AA') return 'GIR 0AA';
  const match = POSTCODE.exec(compact);
  if (!match) return null;
  const outward = match[1];
  // a two-character district must be two digits or digit+letter; letters-only districts are not valid
  if (!/^[A-Z]{1,2}[0-9]([0-9]|[A-Z])?$/.test(outward)) return null;
  return `${outward} ${match[2]}`;
}

export function postcodeOutcode(normalised: string): string {
  return normalised.split(' ')[0];
}
