import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DomainError } from '@carepath/common';

/** STYLE.md 10: one exception class and a code enum per library, mapped by the one filter; no inline code strings. */
const ROOT = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('spec.ts') ? [path] : [];
  });
}

const files = [...sources(join(ROOT, 'libs')), ...sources(join(ROOT, 'apps'))].map((path) => ({
  path: relative(ROOT, path),
  text: readFileSync(path, 'utf8'),
}));
const errorFiles = files.filter((f) => f.path.endsWith('.errors.ts'));
const COMMON_ERRORS = 'libs/common/src/errors.ts';

describe('typed errors (every library)', () => {
  it('finds the libraries’ error files (guards against an empty walk)', () => {
    expect(errorFiles.map((f) => f.path)).toEqual(
      expect.arrayContaining(['libs/referrals/src/referrals.errors.ts', 'libs/patients/src/patients.errors.ts']),
    );
  });

  it('error classes are declared only in a library’s errors file or in libs/common', () => {
    const elsewhere = files
      .filter((f) => f.path !== COMMON_ERRORS && !f.path.endsWith('.errors.ts') && /class \w+ extends DomainError\b/.test(f.text))
      .map((f) => f.path);
    expect(elsewhere).toEqual([]);
  });

  it('no code is written inline: every error is built from a code enum', () => {
    const inline = files.flatMap((f) =>
      [...f.text.matchAll(/new \w+\(\s*'[A-Z][A-Z0-9_]+'|code: '[A-Z][A-Z0-9_]+'|super\(\s*\d{3}\s*,\s*'/g)].map(
        (m) => `${f.path}: ${m[0]}`,
      ),
    );
    expect(inline).toEqual([]);
  });

  it.each(errorFiles.map((f) => [f.path]))('%s: one class and one code enum, every code a 4xx with its own string', async (path) => {
    // The module's own exports, without the interop keys a dynamic import adds.
    const exported = Object.fromEntries(
      Object.entries((await import(join(ROOT, path))) as Record<string, unknown>).filter(([name]) => /^[A-Z]/.test(name)),
    );
    const classes = Object.entries(exported).filter(([, v]) => typeof v === 'function') as [
      string,
      new (...args: unknown[]) => DomainError,
    ][];
    const enums = Object.entries(exported).filter(([, v]) => typeof v === 'object') as [string, Record<string, string>][];
    expect(classes.map(([name]) => name)).toHaveLength(1);
    expect(enums.map(([name]) => name)).toEqual([`${classes[0][0]}Code`]);
    const codes = Object.values(enums[0][1]);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      const error = new classes[0][1](code, 'message', { field: 'x' });
      expect(error).toBeInstanceOf(DomainError);
      expect({ code: error.code, message: error.message, details: error.details }).toEqual({
        code,
        message: 'message',
        details: { field: 'x' },
      });
      expect(`${code} ${error.statusCode >= 400 && error.statusCode < 500 ? '4xx' : error.statusCode}`).toBe(`${code} 4xx`);
    }
  });
});
