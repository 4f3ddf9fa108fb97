import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1763740800000 implements MigrationInterface {
  name = 'Foundation1763740800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL CHECK (type IN ('pain-service', 'gp-practice', 'vcs')),
        name text NOT NULL,
        ods_code text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organisation_practice_has_ods CHECK (type <> 'gp-practice' OR ods_code IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX organisation_ods_code_key ON organisation (ods_code) WHERE ods_code IS NOT NULL`);

    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'clinician', 'social_prescriber', 'gp', 'service_manager')),
        discipline text,
        password_hash text NOT NULL,
        disabled_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT app_user_clinician_has_discipline CHECK (role <> 'clinician' OR discipline IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email))`);
    await q.query(`CREATE INDEX app_user_organisation_idx ON app_user (organisation_id, lower(email))`);

    await q.query(`
      CREATE TABLE auth_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text
      )`);
    await q.query(`CREATE INDEX auth_session_user_idx ON auth_session (user_id) WHERE revoked_at IS NULL`);
    await q.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES auth_session (id),
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_token_session_idx ON refresh_token (session_id)`);

    await q.query(`
      CREATE TABLE audit_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid,
        actor_role text,
        actor_organisation_id uuid,
        entity_type text NOT NULL,
        entity_id uuid,
        patient_id uuid,
        action text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('allowed', 'denied')),
        request_id text
      )`);
    await q.query(
      `CREATE INDEX audit_event_patient_idx ON audit_event (patient_id, occurred_at DESC, id DESC) WHERE patient_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX audit_event_actor_idx ON audit_event (actor_user_id, occurred_at DESC)`);
    // Append-only at the database level: no UPDATE, DELETE or TRUNCATE, whoever connects.
    await q.query(`
      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`,
    );
    await q.query(
      `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`,
    );

    await q.query(`
      CREATE TABLE patient (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        service_id uuid NOT NULL REFERENCES organisation (id),
        nhs_number char(10) NOT NULL CHECK (nhs_number ~ '^[0-9]{10}$'),
        given_name text NOT NULL,
        family_name text NOT NULL,
        date_of_birth date NOT NULL,
        postcode text NOT NULL,
        phone text,
        email text,
        gp_practice_id uuid NOT NULL REFERENCES organisation (id),
        communication_format text NOT NULL DEFAULT 'standard',
        communication_support text[] NOT NULL DEFAULT '{}',
        interpreter_language text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT patient_service_nhs_number_key UNIQUE (service_id, nhs_number)
      )`);
    await q.query(`CREATE INDEX patient_service_name_idx ON patient (service_id, lower(family_name), lower(given_name), id)`);
    await q.query(`CREATE INDEX patient_practice_name_idx ON patient (gp_practice_id, lower(family_name), lower(given_name), id)`);
    await q.query(`CREATE INDEX patient_nhs_number_idx ON patient (nhs_number)`);

    await q.query(`
      CREATE TABLE consent (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patient (id),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        purpose text NOT NULL,
        given_at timestamptz NOT NULL,
        given_by_user_id uuid NOT NULL REFERENCES app_user (id),
        withdrawn_at timestamptz,
        withdrawn_by_user_id uuid REFERENCES app_user (id),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX consent_patient_idx ON consent (patient_id, given_at)`);
    await q.query(
      `CREATE UNIQUE INDEX consent_one_active_per_organisation ON consent (patient_id, organisation_id) WHERE withdrawn_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE outbox_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id uuid NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        available_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`CREATE INDEX outbox_event_pending_idx ON outbox_event (created_at) WHERE published_at IS NULL`);

    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id),
        type text NOT NULL,
        message text NOT NULL,
        entity_type text,
        entity_id uuid,
        patient_id uuid,
        source_event_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CONSTRAINT notification_once_per_event UNIQUE (source_event_id, user_id)
      )`);
    await q.query(`CREATE INDEX notification_user_idx ON notification (user_id, created_at DESC, id DESC)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification`);
    await q.query(`DROP TABLE outbox_event`);
    await q.query(`DROP TABLE consent`);
    await q.query(`DROP TABLE patient`);
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP FUNCTION audit_event_append_only()`);
    await q.query(`DROP TABLE refresh_token`);
    await q.query(`DROP TABLE auth_session`);
    await q.query(`DROP TABLE app_user`);
    await q.query(`DROP TABLE organisation`);
  }
}
