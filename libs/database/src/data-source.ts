import { join } from 'node:path';
import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';

// Date-only columns stay 'YYYY-MM-DD' strings: turning them into Dates would shift them across time zones.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

const root = join(__dirname, '..', '..', '..');

/** The one DataSource definition, shared by the app, the migration CLI and the tests. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    entities: [join(root, 'libs', '*', 'src', '**', '*.entity.{ts,js}')],
    migrations: [join(root, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'typeorm_migrations',
    // uuid keys default to gen_random_uuid(), built into PostgreSQL, in generated migrations as in hand-written ones;
    // no extension is installed at connection time, outside the migrations.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    extra: { max: 20, application_name: 'carepath' },
  };
}

export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}
