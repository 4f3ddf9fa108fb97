import { MigrationInterface, QueryRunner } from 'typeorm';

export class DirectoryAndHandoffs1764000000000 implements MigrationInterface {
  name = 'DirectoryAndHandoffs1764000000000';

  public async up(q: QueryRunner): Promise<void> {
    // The gazetteer: ONS Postcode Directory rows (live postcodes only) and derived outcode centroids.
    await q.query(`
      CREATE TABLE postcode (
        postcode text PRIMARY KEY,
        outcode text NOT NULL,
        latitude double precision NOT NULL,
        longitude double precision NOT NULL,
        source text NOT NULL DEFAULT 'onspd'
      )`);
    await q.query(`CREATE INDEX postcode_outcode_idx ON postcode (outcode)`);
    await q.query(`
      CREATE TABLE outcode_centroid (
        outcode text PRIMARY KEY,
        latitude double precision NOT NULL,
        longitude double precision NOT NULL,
        postcodes integer NOT NULL
      )`);

    await q.query(`
      CREATE TABLE directory_service (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        name text NOT NULL,
        description text NOT NULL,
        categories text[] NOT NULL,
        address text NOT NULL,
        postcode text NOT NULL,
        latitude double precision NOT NULL,
        longitude double precision NOT NULL,
        location_approximate boolean NOT NULL DEFAULT false,
        schedule_rrule text,
        schedule_text text,
        days text[] NOT NULL DEFAULT '{}',
        valid_from date,
        valid_to date,
        cost text,
        accessibility text,
        capacity_status text NOT NULL CHECK (capacity_status IN ('open', 'waitlist', 'full')),
        contact_name text,
        contact_email text,
        contact_phone text,
        url text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // Radius search: a GiST index on the location point serves the bounding box; the exact distance is computed on that box only.
    await q.query(`CREATE INDEX directory_service_location_idx ON directory_service USING gist (point(longitude, latitude))`);
    await q.query(`CREATE INDEX directory_service_categories_idx ON directory_service USING gin (categories)`);
    await q.query(`CREATE INDEX directory_service_organisation_idx ON directory_service (organisation_id)`);

    await q.query(`
      CREATE TABLE handoff (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        service_id uuid NOT NULL REFERENCES organisation (id),
        patient_id uuid NOT NULL REFERENCES patient (id),
        directory_service_id uuid NOT NULL REFERENCES directory_service (id),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        consent_id uuid NOT NULL REFERENCES consent (id),
        requested_by_user_id uuid NOT NULL REFERENCES app_user (id),
        reason text NOT NULL,
        status text NOT NULL CHECK (status IN ('requested', 'accepted', 'rejected', 'in-progress', 'completed', 'cancelled')),
        status_reason text,
        outcome text CHECK (outcome IN ('engaged', 'did-not-engage')),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX handoff_inbox_idx ON handoff (organisation_id, status, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX handoff_requester_idx ON handoff (requested_by_user_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX handoff_consent_idx ON handoff (consent_id)`);
    await q.query(`
      CREATE TABLE handoff_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        handoff_id uuid NOT NULL REFERENCES handoff (id),
        from_status text,
        to_status text NOT NULL,
        reason text,
        outcome text,
        actor_user_id uuid NOT NULL REFERENCES app_user (id),
        changed_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX handoff_change_handoff_idx ON handoff_change (handoff_id, seq)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE handoff_change`);
    await q.query(`DROP TABLE handoff`);
    await q.query(`DROP TABLE directory_service`);
    await q.query(`DROP TABLE outcode_centroid`);
    await q.query(`DROP TABLE postcode`);
  }
}
