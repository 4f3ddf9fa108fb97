import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The hazard log (docs/clinical-safety/hazard-log.md) is evidence only while it matches the code: DCB0129 asks that
 * each control is verified, so a hazard naming a test that was renamed or deleted must fail the build.
 */
const ROOT = join(__dirname, '..');
const LOG = readFileSync(join(ROOT, 'docs/clinical-safety/hazard-log.md'), 'utf8');

const SEVERITIES = ['Minor', 'Significant', 'Considerable', 'Major', 'Catastrophic'];
const LIKELIHOODS = ['Very low', 'Low', 'Medium', 'High', 'Very high'];
/** The DCB0129 risk matrix in docs/clinical-safety/README.md: MATRIX[likelihood - 1][severity - 1]. */
const MATRIX = [
  [1, 1, 2, 2, 3],
  [1, 2, 2, 3, 4],
  [2, 2, 3, 3, 4],
  [2, 3, 3, 4, 5],
  [3, 4, 4, 5, 5],
];
const REQUIRED = ['Cause', 'Effect', 'Initial', 'Controls', 'Verification', 'Residual'];
/** The hazards issue 13 requires, at the least. */
const REQUIRED_HAZARDS = ['H01', 'H02', 'H03', 'H04', 'H05', 'H06', 'H07', 'H08', 'H09'];

interface Hazard {
  id: string;
  title: string;
  fields: Map<string, string>;
}

interface Risk {
  severity: number;
  likelihood: number;
  risk: number;
}

function parseHazards(markdown: string): Hazard[] {
  return markdown
    .split(/^### /m)
    .slice(1)
    .map((section) => {
      const [heading, ...lines] = section.split('\n');
      const [, id, title] = /^(H\d{2}) — (.+)$/.exec(heading) ?? [undefined, heading, ''];
      const fields = new Map<string, string>();
      let current: string | undefined;
      for (const line of lines) {
        const field = /^- \*\*(\w+):\*\*(.*)$/.exec(line);
        if (field) {
          current = field[1];
          fields.set(current, field[2].trim());
        } else if (current && line.trim()) {
          fields.set(current, `${fields.get(current)}\n${line}`);
        }
      }
      return { id, title, fields };
    });
}

function parseRisk(text: string): Risk | undefined {
  const m = /^severity ([A-Za-z ]+) \((\d)\), likelihood ([A-Za-z ]+) \((\d)\), risk (\d)$/.exec(text);
  if (!m) return undefined;
  const severity = Number(m[2]);
  const likelihood = Number(m[4]);
  if (SEVERITIES[severity - 1] !== m[1] || LIKELIHOODS[likelihood - 1] !== m[3]) return undefined;
  return { severity, likelihood, risk: Number(m[5]) };
}

function bullets(text: string): string[] {
  return text
    .split('\n')
    .map((line) => /^\s+- (.+)$/.exec(line)?.[1])
    .filter((line): line is string => line !== undefined);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when `file` has an it(...) or test(...) with exactly this title, in any kind of quotes. */
function hasTest(source: string, title: string): boolean {
  return new RegExp(`\\b(?:it|test)(?:\\.only)?\\(\\s*(['"\`])${escapeRegExp(title)}\\1`).test(source);
}

const hazards = parseHazards(LOG);

describe('clinical safety hazard log (DCB0129)', () => {
  it('has every hazard the issue names, each id once', () => {
    const ids = hazards.map((h) => h.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(REQUIRED_HAZARDS));
  });

  it.each(hazards.map((h) => [h.id, h]))('%s has every field, a titled heading and risks that follow the matrix', (_id, hazard) => {
    expect(hazard.id).toMatch(/^H\d{2}$/);
    expect(hazard.title.length).toBeGreaterThan(0);
    const missing = REQUIRED.filter((f) => !hazard.fields.get(f)?.trim());
    expect(missing).toEqual([]);

    const initial = parseRisk(hazard.fields.get('Initial')!);
    const residual = parseRisk(hazard.fields.get('Residual')!);
    expect(initial).toBeDefined();
    expect(residual).toBeDefined();
    for (const r of [initial!, residual!]) expect(r.risk).toBe(MATRIX[r.likelihood - 1][r.severity - 1]);
    expect(residual!.risk).toBeLessThanOrEqual(initial!.risk);
  });

  it.each(hazards.map((h) => [h.id, h]))('%s names, for each control, a file that exists', (_id, hazard) => {
    const controls = bullets(hazard.fields.get('Controls') ?? '');
    expect(controls.length).toBeGreaterThan(0);
    for (const control of controls) {
      const files = [...control.matchAll(/`((?:apps|libs|migrations|test)\/[^`]+\.(?:ts|njk))`/g)].map((m) => m[1]);
      expect({ control, files: files.length > 0 }).toEqual({ control, files: true });
      for (const file of files) expect({ file, exists: existsSync(join(ROOT, file)) }).toEqual({ file, exists: true });
    }
  });

  it.each(hazards.map((h) => [h.id, h]))('%s is verified only by tests that exist, by file and exact title', (_id, hazard) => {
    const lines = bullets(hazard.fields.get('Verification') ?? '');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const m = /^`([^`]+[.-]spec\.ts)` › (.+)$/.exec(line);
      expect({ line, wellFormed: m !== null }).toEqual({ line, wellFormed: true });
      const [, file, title] = m!;
      const path = join(ROOT, file);
      expect({ file, exists: existsSync(path) }).toEqual({ file, exists: true });
      expect({ file, title, found: hasTest(readFileSync(path, 'utf8'), title) }).toEqual({ file, title, found: true });
    }
  });
});
