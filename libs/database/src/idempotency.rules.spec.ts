import { isValidIdempotencyKey, requestFingerprint } from './idempotency.rules';

describe('Idempotency-Key format (1-255 visible ASCII characters)', () => {
  it.each([
    ['a UUID', '4f1c2a9e-8b3d-4e5f-9a7b-1c2d3e4f5a6b', true],
    ['one character', 'k', true],
    ['255 characters', 'k'.repeat(255), true],
    ['punctuation', 'order:42/retry#1', true],
    ['empty', '', false],
    ['256 characters', 'k'.repeat(256), false],
    ['a space', 'two words', false],
    ['a tab', 'a\tb', false],
    ['a line break', 'a\nb', false],
    ['non-ASCII', 'clé', false],
  ])('%s: %s', (_, key, valid) => {
    expect(isValidIdempotencyKey(key)).toBe(valid);
  });
});

describe('request fingerprint', () => {
  const body = { patientId: 'p1', priority: 'routine', tags: ['a', 'b'], nested: { x: 1, y: null } };

  it('is the same for the same body with its fields in another order', () => {
    const reordered = { nested: { y: null, x: 1 }, tags: ['a', 'b'], priority: 'routine', patientId: 'p1' };
    expect(requestFingerprint('POST', '/api/v1/referrals', reordered)).toBe(requestFingerprint('POST', '/api/v1/referrals', body));
  });

  it.each([
    ['another value', { ...body, priority: 'urgent' }, '/api/v1/referrals'],
    ['an extra field', { ...body, extra: true }, '/api/v1/referrals'],
    ['another array order', { ...body, tags: ['b', 'a'] }, '/api/v1/referrals'],
    ['another path', body, '/api/v1/patients'],
    ['a string where a number was', { ...body, nested: { x: '1', y: null } }, '/api/v1/referrals'],
  ])('differs for %s', (_, other, path) => {
    expect(requestFingerprint('POST', path, other)).not.toBe(requestFingerprint('POST', '/api/v1/referrals', body));
  });

  it('treats a missing body as null', () => {
    expect(requestFingerprint('POST', '/x', undefined)).toBe(requestFingerprint('POST', '/x', null));
  });
});
