import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';

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
    extra: { max: 20, application_name: 'carepath' },
  };
}

export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}
