import { loadConfig } from '@carepath/common';
import { createDataSource } from './data-source';

/** The DataSource the TypeORM CLI uses (migration:generate/run/revert); needs DATABASE_URL. */
const config = loadConfig();
if (!config.databaseUrl) throw new Error('Set DATABASE_URL to run migrations from the CLI');
export default createDataSource(config.databaseUrl);
