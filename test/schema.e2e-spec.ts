import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource } from '@carepath/database';
import { createTestDatabase, databaseUrl, TEST_DATABASE_PREFIX, TestDatabase, withAdmin } from '@carepath/testing';

/** Columns, constraints and indexes of the public schema, in a form two databases can be compared by. */
async function schemaOf(dataSource: DataSource) {
  const columns = await dataSource.query(
    `SELECT table_name, column_name, data_type, udt_name, character_maximum_length, is_nullable, column_default, is_identity, identity_generation
       FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations'
      ORDER BY table_name, column_name`,
  );
  // Primary keys keep PostgreSQL's names in the migrations and TypeORM's in a synchronized database: compare their columns only.
  const constraints = await dataSource.query(
    `SELECT conrelid::regclass::text AS table_name, CASE contype WHEN 'p' THEN 'primary key' ELSE conname END AS name,
            pg_get_constraintdef(oid) AS definition
       FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'typeorm_migrations'
      ORDER BY 1, 2`,
  );
  const indexes = await dataSource.query<{ tablename: string; indexname: string; indexdef: string }[]>(
    `SELECT tablename, indexname, indexdef FROM pg_indexes i
      WHERE schemaname = 'public' AND tablename <> 'typeorm_migrations'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = 'public'::regnamespace)
      ORDER BY 1, 2`,
  );
  return { columns, constraints, indexes };
}

/** The entities are the schema as code: on a migrated database, migration:generate has nothing to propose. */
describe('schema (e2e)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await createDataSource(database.url).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('every table the migrations create has an entity', async () => {
    const tables = await dataSource.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'typeorm_migrations'
        ORDER BY table_name`,
    );
    const mapped = dataSource.entityMetadatas.map((m) => m.tableName).sort();
    expect(mapped).toEqual(tables.map((t) => t.table_name));
  });

  it('the entities match the migrated database: TypeORM proposes no schema change', async () => {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    const pending = sql.upQueries.map((q) => q.query);
    expect(pending).toEqual([]);
  });

  // TypeORM compares checks by name only and ignores index conditions, so the entities' definitions are checked here:
  // a database built from the entities alone must have the migrated columns, constraints and indexes.
  it('a database built from the entities alone has the migrated schema', async () => {
    const name = `${TEST_DATABASE_PREFIX}_${randomBytes(6).toString('hex')}`;
    await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
    const built = await createDataSource(databaseUrl(name)).initialize();
    try {
      await built.synchronize();
      const fromEntities = await schemaOf(built);
      const migrated = await schemaOf(dataSource);
      const handWritten = dataSource.entityMetadatas.flatMap((m) => m.indices.filter((i) => !i.synchronize).map((i) => i.name as string));
      expect(handWritten.filter((n) => !migrated.indexes.some((i) => i.indexname === n))).toEqual([]);

      expect(fromEntities.columns).toEqual(migrated.columns);
      expect(fromEntities.constraints).toEqual(migrated.constraints);
      expect(fromEntities.indexes).toEqual(migrated.indexes.filter((i) => !handWritten.includes(i.indexname)));
    } finally {
      await built.destroy();
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  });
});
