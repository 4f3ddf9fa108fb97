import { DataSource } from 'typeorm';
import { createDataSource } from '@carepath/database';
import { createTestDatabase, TestDatabase } from '@carepath/testing';

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
});
