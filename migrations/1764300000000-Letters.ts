import { MigrationInterface, QueryRunner } from 'typeorm';

export class Letters1764300000000 implements MigrationInterface {
  name = 'Letters1764300000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE letter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        service_id uuid NOT NULL CONSTRAINT letter_service_id_fkey REFERENCES organisation (id),
        referral_id uuid NOT NULL CONSTRAINT letter_referral_id_fkey REFERENCES referral (id),
        patient_id uuid NOT NULL CONSTRAINT letter_patient_id_fkey REFERENCES patient (id),
        practice_id uuid NOT NULL CONSTRAINT letter_practice_id_fkey REFERENCES organisation (id),
        kind text NOT NULL
          CONSTRAINT letter_kind_check CHECK (kind IN ('referral-acknowledgement', 'triage-outcome', 'post-assessment', 'mdt-progress', 'discharge-summary')),
        status text NOT NULL DEFAULT 'draft'
          CONSTRAINT letter_status_check CHECK (status IN ('draft', 'approved', 'queued', 'delivered', 'acknowledged', 'failed', 'withdrawn')),
        content jsonb NOT NULL,
        source_key text CONSTRAINT letter_source_key_key UNIQUE,
        event_at timestamptz NOT NULL,
        created_by_user_id uuid CONSTRAINT letter_created_by_user_id_fkey REFERENCES app_user (id),
        approved_by_user_id uuid CONSTRAINT letter_approved_by_user_id_fkey REFERENCES app_user (id),
        approved_at timestamptz,
        in_gp_inbox boolean NOT NULL DEFAULT false,
        delivery_attempts integer NOT NULL DEFAULT 0,
        failure_reason text,
        delivered_at timestamptz,
        acknowledged_at timestamptz,
        acknowledged_by_user_id uuid CONSTRAINT letter_acknowledged_by_user_id_fkey REFERENCES app_user (id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX letter_service_list_idx ON letter (service_id, created_at, id)`);
    await q.query(`CREATE INDEX letter_inbox_idx ON letter (practice_id, in_gp_inbox, created_at)`);
    await q.query(`CREATE INDEX letter_referral_idx ON letter (referral_id)`);

    await q.query(`
      CREATE TABLE letter_status_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        letter_id uuid NOT NULL CONSTRAINT letter_status_change_letter_id_fkey REFERENCES letter (id),
        from_status text,
        to_status text NOT NULL,
        reason text,
        actor_user_id uuid CONSTRAINT letter_status_change_actor_user_id_fkey REFERENCES app_user (id),
        changed_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX letter_status_change_letter_idx ON letter_status_change (letter_id, seq)`);

    await q.query(`
      CREATE TABLE letter_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        letter_id uuid NOT NULL CONSTRAINT letter_document_letter_id_fkey REFERENCES letter (id),
        variant text NOT NULL CONSTRAINT letter_document_variant_check CHECK (variant IN ('gp', 'large-print')),
        pdf bytea NOT NULL,
        sha256 text NOT NULL,
        rendered_at timestamptz NOT NULL,
        CONSTRAINT letter_document_letter_variant_key UNIQUE (letter_id, variant)
      )`);

    await q.query(`
      CREATE TABLE letter_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        letter_id uuid NOT NULL CONSTRAINT letter_delivery_letter_id_fkey REFERENCES letter (id),
        transport text NOT NULL CONSTRAINT letter_delivery_transport_check CHECK (transport IN ('gp-inbox', 'mesh-file')),
        reference text,
        delivered_at timestamptz NOT NULL,
        CONSTRAINT letter_delivery_letter_transport_key UNIQUE (letter_id, transport)
      )`);

    await q.query(`
      CREATE TABLE letter_letterhead (
        service_id uuid PRIMARY KEY CONSTRAINT letter_letterhead_service_id_fkey REFERENCES organisation (id),
        address text[] NOT NULL,
        telephone text,
        updated_at timestamptz NOT NULL
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE letter_letterhead');
    await q.query('DROP TABLE letter_delivery');
    await q.query('DROP TABLE letter_document');
    await q.query('DROP TABLE letter_status_change');
    await q.query('DROP TABLE letter');
  }
}
