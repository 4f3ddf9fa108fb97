import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Pool } from 'pg';
import { normalisePostcode, postcodeOutcode } from '@carepath/common';

export interface ImportCounts {
  read: number;
  imported: number;
  skippedTerminated: number;
  skippedNoLocation: number;
  skippedInvalid: number;
  outcodes: number;
}

const BATCH = 2000;
// ONSPD marks postcodes without a grid reference with this latitude.
const NO_LOCATION_LAT = 99.999999;

/** Splits one CSV line, honouring double quotes (ONSPD quotes its text fields). */
export function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

async function flush(pool: Pool, rows: [string, string, number, number][]): Promise<void> {
  if (rows.length === 0) return;
  await pool.query(
    `INSERT INTO postcode (postcode, outcode, latitude, longitude, source)
     SELECT p, o, la, lo, 'onspd' FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[]) AS t(p, o, la, lo)
     ON CONFLICT (postcode) DO UPDATE SET outcode = EXCLUDED.outcode, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, source = 'onspd'`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
  );
}

/**
 * Streams an ONS Postcode Directory CSV into the gazetteer: header-driven
 * (`pcds`, `lat`, `long`, `doterm`), terminated postcodes and those without a
 * location skipped, upserted in batches (so a second run changes nothing and
 * memory stays bounded whatever the file size), then outcode centroids derived.
 */
export async function importOnspd(
  databaseUrl: string,
  file: string,
  progress: (counts: ImportCounts) => void = () => undefined,
): Promise<ImportCounts> {
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  const counts: ImportCounts = { read: 0, imported: 0, skippedTerminated: 0, skippedNoLocation: 0, skippedInvalid: 0, outcodes: 0 };
  try {
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let columns: Record<string, number> | undefined;
    let batch: [string, string, number, number][] = [];
    for await (const line of lines) {
      if (!line.trim()) continue;
      const cells = parseCsvLine(line);
      if (!columns) {
        columns = Object.fromEntries(cells.map((name, i) => [name.trim().toLowerCase(), i]));
        for (const required of ['pcds', 'lat', 'long', 'doterm']) {
          if (!(required in columns)) throw new Error(`${file} is not in ONSPD layout: no "${required}" column`);
        }
        continue;
      }
      counts.read += 1;
      if (cells[columns.doterm]?.trim()) {
        counts.skippedTerminated += 1;
        continue;
      }
      const postcode = normalisePostcode(cells[columns.pcds] ?? '');
      const lat = Number(cells[columns.lat]);
      const long = Number(cells[columns.long]);
      if (!postcode) {
        counts.skippedInvalid += 1;
        continue;
      }
      if (!Number.isFinite(lat) || !Number.isFinite(long) || lat === NO_LOCATION_LAT) {
        counts.skippedNoLocation += 1;
        continue;
      }
      batch.push([postcode, postcodeOutcode(postcode), lat, long]);
      if (batch.length >= BATCH) {
        await flush(pool, batch);
        counts.imported += batch.length;
        batch = [];
        progress(counts);
      }
    }
    if (!columns) throw new Error(`${file} is empty`);
    await flush(pool, batch);
    counts.imported += batch.length;
    const result = await pool.query(
      `INSERT INTO outcode_centroid (outcode, latitude, longitude, postcodes)
       SELECT outcode, avg(latitude), avg(longitude), count(*) FROM postcode GROUP BY outcode
       ON CONFLICT (outcode) DO UPDATE SET latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, postcodes = EXCLUDED.postcodes`,
    );
    counts.outcodes = result.rowCount ?? 0;
    progress(counts);
    return counts;
  } finally {
    await pool.end();
  }
}
