import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * One owner per table: a table belongs to the library whose entity declares it
 * (`@Entity('table')`), and only that library's SQL, repositories and entity
 * relations may name it. Other libraries call the owner's exported service.
 * A foreign key (`@ForeignKey('Patient')`) is allowed: it keeps the schema's
 * integrity without reading or writing the other library's rows.
 */

const ROOT = join(__dirname, '..');
/** Test data factories write every table on purpose; they are test code, not a library's data access. */
const NOT_SCANNED = new Set(['testing']);

type Sources = Map<string, string>;

interface Ownership {
  /** table → owning library */
  owners: Map<string, string>;
  /** entity class name → its table */
  entityTables: Map<string, string>;
  /** a table declared by entities in more than one library */
  conflicts: string[];
}

function libraryOf(path: string): string {
  return /^libs\/([^/]+)\//.exec(path)?.[1] ?? '';
}

function lineAt(source: string, index: number): number {
  return source.slice(0, index).split('\n').length;
}

/** Blanks out comments (keeping line numbers), so prose such as "read from patient records" is not taken for SQL. */
function withoutComments(source: string): string {
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  return source
    .replace(/\/\*[\s\S]*?\*\//g, blank)
    .replace(/^(\s*)\/\/.*$/gm, (line, indent: string) => indent + blank(line.slice(indent.length)));
}

function ownershipOf(sources: Sources): Ownership {
  const owners = new Map<string, string>();
  const entityTables = new Map<string, string>();
  const conflicts: string[] = [];
  for (const [path, source] of sources) {
    const entity = /@Entity\(\s*(?:\{\s*name:\s*)?['"](\w+)['"][\s\S]*?\bclass\s+(\w+)/g;
    for (const match of source.matchAll(entity)) {
      const [, table, className] = match;
      const library = libraryOf(path);
      const existing = owners.get(table);
      if (existing && existing !== library) conflicts.push(`${table}: libs/${existing} and libs/${library}`);
      owners.set(table, library);
      entityTables.set(className, table);
    }
  }
  return { owners, entityTables, conflicts };
}

const SQL_TABLE =
  /\b(FROM|JOIN|INTO|UPDATE|REFERENCES|TRUNCATE(?:\s+TABLE)?)\s+((?:"?\w+"?(?:\s*\.\s*"?\w+"?)?\s*,\s*)*"?\w+"?(?:\s*\.\s*"?\w+"?)?)/gi;
const FOR_FEATURE = /forFeature\(\s*\[([^\]]*)\]/g;
const ENTITY_USE =
  /(?:@(?:ManyToOne|OneToMany|OneToOne|ManyToMany)\(\s*\(\)\s*=>\s*|getRepository\(\s*|InjectRepository\(\s*|Repository<\s*)(\w+)/g;

/** Every place a library's source names a table another library owns, as `file:line` with the table and its owner. */
function foreignTableUses(sources: Sources, ownership: Ownership): string[] {
  const found: string[] = [];
  for (const [path, raw] of sources) {
    const library = libraryOf(path);
    const source = withoutComments(raw);
    const report = (index: number, table: string, how: string) => {
      const owner = ownership.owners.get(table);
      if (owner && owner !== library) found.push(`${path}:${lineAt(source, index)} ${how} table ${table}, owned by libs/${owner}`);
    };
    for (const match of source.matchAll(SQL_TABLE)) {
      const keyword = match[1].toUpperCase().split(/\s+/)[0];
      const names = keyword === 'TRUNCATE' ? match[2].split(',') : [match[2].split(',')[0]];
      for (const name of names) {
        const table = name
          .replace(/"/g, '')
          .trim()
          .split(/\s*\.\s*/)
          .pop() as string;
        report(match.index, table, `SQL (${keyword}) names`);
      }
    }
    for (const match of source.matchAll(ENTITY_USE)) {
      const table = ownership.entityTables.get(match[1]);
      if (table) report(match.index, table, `uses the entity ${match[1]} of`);
    }
    for (const match of source.matchAll(FOR_FEATURE)) {
      for (const name of match[1].split(',').map((n) => n.trim())) {
        const table = ownership.entityTables.get(name);
        if (table) report(match.index, table, `registers the entity ${name} of`);
      }
    }
  }
  return found;
}

function librarySources(): Sources {
  const sources: Sources = new Map();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) {
        sources.set(relative(ROOT, path), readFileSync(path, 'utf8'));
      }
    }
  };
  for (const library of readdirSync(join(ROOT, 'libs'))) if (!NOT_SCANNED.has(library)) walk(join(ROOT, 'libs', library, 'src'));
  return sources;
}

function migratedTables(): string[] {
  const dir = join(ROOT, 'migrations');
  const tables = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    for (const match of readFileSync(join(dir, file), 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?(\w+)"?/g)) tables.add(match[1]);
  }
  return [...tables].sort();
}

describe('one owner per table', () => {
  const sources = librarySources();
  const ownership = ownershipOf(sources);

  it('gives every table the migrations create exactly one owning library', () => {
    expect(ownership.conflicts).toEqual([]);
    expect(migratedTables().filter((table) => !ownership.owners.has(table))).toEqual([]);
  });

  it("finds no library naming another library's table in its SQL, repositories or entity relations", () => {
    expect(foreignTableUses(sources, ownership)).toEqual([]);
  });

  it('catches a planted violation, with file, line, table and owner', () => {
    const planted: Sources = new Map([
      ['libs/patients/src/consent.entity.ts', "import { Entity } from 'typeorm';\n@Entity('consent')\nexport class Consent {}\n"],
      [
        'libs/directory/src/directory-service.entity.ts',
        "@Entity({ name: 'directory_service' })\nexport class DirectoryServiceEntity {}\n",
      ],
      [
        'libs/handoffs/src/handoffs.service.ts',
        [
          '// Reads FROM consent in prose only: not SQL.',
          'const own = `SELECT * FROM handoff h`;',
          'const rows = await manager.query(`SELECT h.id',
          '  FROM handoff h JOIN "consent" c ON c.id = h.consent_id',
          '  LEFT JOIN public.directory_service ds ON ds.id = h.directory_service_id`);',
          "await manager.query('truncate handoff, consent');",
          'const repository = manager.getRepository(Consent);',
        ].join('\n'),
      ],
      [
        'libs/handoffs/src/handoff.entity.ts',
        "@Entity('handoff')\n@Check(`status IN ('requested', 'accepted')`)\nexport class Handoff {\n  @ManyToOne(() => Consent)\n  consent: Consent;\n}\n",
      ],
      ['libs/handoffs/src/handoffs.module.ts', '@Module({ imports: [TypeOrmModule.forFeature([Handoff, Consent])] })\n'],
    ]);
    const planting = ownershipOf(planted);
    expect(planting.owners.get('consent')).toBe('patients');
    expect(foreignTableUses(planted, planting)).toEqual([
      'libs/handoffs/src/handoffs.service.ts:4 SQL (JOIN) names table consent, owned by libs/patients',
      'libs/handoffs/src/handoffs.service.ts:5 SQL (JOIN) names table directory_service, owned by libs/directory',
      'libs/handoffs/src/handoffs.service.ts:6 SQL (TRUNCATE) names table consent, owned by libs/patients',
      'libs/handoffs/src/handoffs.service.ts:7 uses the entity Consent of table consent, owned by libs/patients',
      'libs/handoffs/src/handoff.entity.ts:4 uses the entity Consent of table consent, owned by libs/patients',
      'libs/handoffs/src/handoffs.module.ts:1 registers the entity Consent of table consent, owned by libs/patients',
    ]);
    expect(planting.entityTables.get('Handoff')).toBe('handoff');
  });

  it('refuses a table declared by entities in two libraries', () => {
    const twice: Sources = new Map([
      ['libs/patients/src/patient.entity.ts', "@Entity('patient')\nexport class Patient {}\n"],
      ['libs/referrals/src/patient-copy.entity.ts', "@Entity('patient')\nexport class PatientCopy {}\n"],
    ]);
    expect(ownershipOf(twice).conflicts).toEqual(['patient: libs/patients and libs/referrals']);
  });
});
