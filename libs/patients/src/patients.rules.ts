/**
 * Patient identity rules (DOMAIN-RULES.md "NHS number").
 * Pure functions, no I/O.
 */

export type NhsNumberCheck = { valid: true; value: string } | { valid: false; reason: 'shape' | 'check-digit' };

const NHS_WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2];

/** The Modulus 11 check digit for the first nine digits, or null when no digit can make the number valid (check 10). */
export function nhsCheckDigit(firstNine: string): number | null {
  const sum = NHS_WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(firstNine[i]), 0);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/** Accepts `9434765919`, `943 476 5919` or `943-476-5919`; returns the 10 digits when the check digit is right. */
export function checkNhsNumber(input: string): NhsNumberCheck {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return { valid: false, reason: 'shape' };
  if (nhsCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) return { valid: false, reason: 'check-digit' };
  return { valid: true, value: digits };
}

/** Shown grouped 3 3 4, as on NHS documents. */
export function formatNhsNumber(digits: string): string {
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}
