import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { isInstant, MAX_INTEGER } from './validators';

const libs = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

// Issue 13: an integer past PostgreSQL's range (a version of 2^31) reached SQL and failed with a 500.
describe('every number a client sends is bounded (issue 13: integers past PostgreSQL range are a 400)', () => {
  it('each @IsInt/@IsNumber field of every request class also has @Min and a @Max within PostgreSQL integer range', async () => {
    const withValidators = sourceFiles(libs).filter((file) => readFileSync(file, 'utf8').includes("from 'class-validator'"));
    for (const file of withValidators) await import(file);
    const metadata = getMetadataStorage() as unknown as {
      validationMetadatas: Map<{ name: string }, { propertyName: string; name?: string; constraints?: unknown[] }[]>;
    };
    const unbounded: string[] = [];
    let checked = 0;
    for (const [target, rules] of metadata.validationMetadatas) {
      const properties = new Set(rules.map((r) => r.propertyName));
      for (const property of properties) {
        const own = rules.filter((r) => r.propertyName === property);
        if (!own.some((r) => r.name === 'isInt' || r.name === 'isNumber')) continue;
        checked += 1;
        const max = own.find((r) => r.name === 'max');
        const min = own.find((r) => r.name === 'min');
        const maxValue = Number(max?.constraints?.[0]);
        if (!min || !max || !(maxValue <= MAX_INTEGER)) unbounded.push(`${target.name}.${property}`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(unbounded).toEqual([]);
  });
});

describe('isInstant: a date and time PostgreSQL will take as one instant', () => {
  it.each(['2026-03-09T14:30:00Z', '2026-03-09T14:30Z', '2026-03-09T14:30:00.123Z', '2026-06-09T14:30:00+01:00'])('accepts %s', (value) => {
    expect(isInstant(value)).toBe(true);
  });

  it.each(['2026-03-09T', '2026-03-09', '2026-03-09T14:30:00', '2026-02-30T10:00:00Z', '2026-03-09T24:00:00Z', '2026-03-09 14:30Z', 42])(
    'refuses %s',
    (value) => {
      expect(isInstant(value)).toBe(false);
    },
  );
});
