import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from '@carepath/common';
import { runMigrations, startEmbeddedPostgres } from '@carepath/database';
import { importOnspd } from '@carepath/directory';

/** `npm run postcodes:import -- <ONSPD.csv>`: loads the ONS Postcode Directory into the gazetteer of DATABASE_URL (or the embedded database). */
async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file || !existsSync(file)) throw new ConfigError('give the path of an ONSPD CSV file: npm run postcodes:import -- <file.csv>');
  const config = loadConfig();
  const say = (line: string) => process.stdout.write(`carepath postcodes: ${line}\n`);
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir, config.embeddedPostgresPort, say);
  const databaseUrl = config.databaseUrl ?? (embedded as { url: string }).url;
  try {
    await runMigrations(databaseUrl);
    const started = Date.now();
    const counts = await importOnspd(databaseUrl, file, (c) => {
      process.stdout.write(
        `\rcarepath postcodes: ${c.read.toLocaleString('en-GB')} rows read, ${c.imported.toLocaleString('en-GB')} imported`,
      );
    });
    process.stdout.write('\n');
    say(
      `done in ${Math.round((Date.now() - started) / 1000)} s: ${counts.imported} live postcodes imported, ${counts.skippedTerminated} terminated and ` +
        `${counts.skippedNoLocation} without a location skipped, ${counts.skippedInvalid} malformed; ${counts.outcodes} outcode centroids`,
    );
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `carepath postcodes: ${error instanceof ConfigError ? 'error: ' : ''}${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
