import 'reflect-metadata';
import { ConfigError, loadConfig } from '@carepath/common';
import { runMigrations, startEmbeddedPostgres } from '@carepath/database';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { seedDemo } from './demo-seed';
import { seedDemoReferrals } from './demo-referrals';
import { seedDemoPathways } from './demo-pathways';
import { seedDemoDirectory } from './demo-directory';
import { seedDemoMdt } from './demo-mdt';
import { seedDemoLetters } from './demo-letters';

/** `npm run seed`: migrate and seed the configured database (or the embedded one). */
async function main(): Promise<void> {
  const config = loadConfig();
  const say = (line: string): void => {
    process.stdout.write(`carepath seed: ${line}\n`);
  };
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir, config.embeddedPostgresPort, say);
  const databaseUrl = config.databaseUrl ?? (embedded as { url: string }).url;
  try {
    await runMigrations(databaseUrl);
    await seedDemo(databaseUrl, config.seedPassword, say);
    const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, databaseUrl, jobs: 'none' }), { logger: false });
    try {
      await seedDemoReferrals(app, say);
      await seedDemoPathways(app, say);
      await seedDemoDirectory(app, say);
      await seedDemoMdt(app, say);
      await seedDemoLetters(app, say);
    } finally {
      await app.close();
    }
    say('done');
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `carepath seed: ${error instanceof ConfigError ? 'configuration error: ' : ''}${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
