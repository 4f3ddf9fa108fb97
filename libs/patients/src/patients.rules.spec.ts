import { checkNhsNumber, formatNhsNumber, nhsCheckDigit } from './patients.rules';

describe('NHS number — Modulus 11 (DOMAIN-RULES.md "NHS number", NHS Data Dictionary)', () => {
  it.each([
    ['9434765919', '9434765919'],
    ['4010232137', '4010232137'],
    ['943 476 5919', '9434765919'],
    ['943-476-5919', '9434765919'],
    ['0000000000', '0000000000'],
    ['9990000018', '9990000018'],
  ])('accepts %s as %s', (input, stored) => {
    expect(checkNhsNumber(input)).toEqual({ valid: true, value: stored });
  });

  it.each([
    ['9434765918', 'check-digit'],
    ['9434765910', 'check-digit'],
    ['123456789', 'shape'],
    ['12345678901', 'shape'],
    ['94347659A9', 'shape'],
    ['', 'shape'],
    ['943.476.5919', 'shape'],
  ])('rejects %s (%s)', (input, reason) => {
    expect(checkNhsNumber(input)).toEqual({ valid: false, reason });
  });

  it('treats a check of 11 as check digit 0', () => {
    const weights = [10, 9, 8, 7, 6, 5, 4, 3, 2];
    let prefix = '';
    for (let n = 999000000; n < 999001000 && !prefix; n += 1) {
      const sum = weights.reduce((a, w, i) => a + w * Number(String(n)[i]), 0);
      if (sum % 11 === 0) prefix = String(n);
    }
    expect(nhsCheckDigit(prefix)).toBe(0);
    expect(checkNhsNumber(`${prefix}0`)).toEqual({ valid: true, value: `${prefix}0` });
  });

  it('has no valid number when the check would be 10', () => {
    // find a nine-digit prefix in the 999 range whose check is 10 and confirm no tenth digit makes it valid
    let prefix = '';
    for (let n = 999000000; n < 999000100; n += 1) {
      if (nhsCheckDigit(String(n)) === null) {
        prefix = String(n);
        break;
      }
    }
    expect(prefix).not.toBe('');
    for (let d = 0; d <= 9; d += 1) expect(checkNhsNumber(`${prefix}${d}`).valid).toBe(false);
  });

  it('shows the number grouped 3 3 4', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
  });
});
