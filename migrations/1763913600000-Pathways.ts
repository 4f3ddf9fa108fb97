import { MigrationInterface, QueryRunner } from 'typeorm';

export class Pathways1763913600000 implements MigrationInterface {
  name = 'Pathways1763913600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE care_pathway (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL UNIQUE REFERENCES referral (id),
        service_id uuid NOT NULL REFERENCES organisation (id),
        patient_id uuid NOT NULL REFERENCES patient (id),
        goals text[] NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'active', 'on-hold', 'completed', 'revoked', 'entered-in-error')),
        created_by_user_id uuid NOT NULL REFERENCES app_user (id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX care_pathway_service_idx ON care_pathway (service_id, status)`);

    await q.query(`
      CREATE TABLE pathway_activity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        pathway_id uuid NOT NULL REFERENCES care_pathway (id),
        modality text NOT NULL,
        planned_sessions integer NOT NULL CHECK (planned_sessions BETWEEN 1 AND 100),
        lead_clinician_id uuid NOT NULL REFERENCES app_user (id),
        status text NOT NULL CHECK (status IN ('not-started', 'scheduled', 'in-progress', 'on-hold', 'completed', 'cancelled', 'stopped')),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX pathway_activity_pathway_idx ON pathway_activity (pathway_id, seq)`);

    await q.query(`
      CREATE TABLE pathway_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        pathway_id uuid NOT NULL REFERENCES care_pathway (id),
        activity_id uuid REFERENCES pathway_activity (id),
        kind text NOT NULL,
        from_value text,
        to_value text,
        reason text,
        actor_user_id uuid NOT NULL REFERENCES app_user (id),
        changed_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX pathway_change_pathway_idx ON pathway_change (pathway_id, seq)`);

    await q.query(`
      CREATE TABLE therapy_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        activity_id uuid NOT NULL REFERENCES pathway_activity (id),
        pathway_id uuid NOT NULL REFERENCES care_pathway (id),
        starts_at timestamptz NOT NULL,
        location text,
        outcome text NOT NULL DEFAULT 'booked'
          CHECK (outcome IN ('booked', 'attended', 'dna', 'cancelled-by-patient', 'cancelled-by-service')),
        note text,
        booked_by_user_id uuid NOT NULL REFERENCES app_user (id),
        recorded_by_user_id uuid REFERENCES app_user (id),
        recorded_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX therapy_session_activity_idx ON therapy_session (activity_id, starts_at)`);
    await q.query(`CREATE INDEX therapy_session_pathway_idx ON therapy_session (pathway_id, starts_at)`);

    await q.query(`
      CREATE TABLE outcome_measure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pathway_id uuid NOT NULL REFERENCES care_pathway (id),
        patient_id uuid NOT NULL REFERENCES patient (id),
        measure text NOT NULL CHECK (measure IN ('PHQ9', 'GAD7', 'PSEQ', 'EQ5D5L', 'NRS')),
        timepoint text NOT NULL CHECK (timepoint IN ('baseline', 'review', 'discharge')),
        answers jsonb NOT NULL,
        total integer,
        band text,
        profile text,
        vas integer,
        recorded_by_user_id uuid NOT NULL REFERENCES app_user (id),
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX outcome_measure_pathway_idx ON outcome_measure (pathway_id, measure, recorded_at)`);

    await q.query(`ALTER TABLE clinical_task ADD COLUMN pathway_id uuid REFERENCES care_pathway (id)`);
    await q.query(`ALTER TABLE clinical_task ADD COLUMN completed_at timestamptz`);
    await q.query(`ALTER TABLE clinical_task ADD COLUMN completed_by_user_id uuid REFERENCES app_user (id)`);
    await q.query(`CREATE INDEX clinical_task_assignee_idx ON clinical_task (assignee_user_id, status, priority, due_on)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX clinical_task_assignee_idx`);
    await q.query(`ALTER TABLE clinical_task DROP COLUMN completed_by_user_id`);
    await q.query(`ALTER TABLE clinical_task DROP COLUMN completed_at`);
    await q.query(`ALTER TABLE clinical_task DROP COLUMN pathway_id`);
    await q.query(`DROP TABLE outcome_measure`);
    await q.query(`DROP TABLE therapy_session`);
    await q.query(`DROP TABLE pathway_change`);
    await q.query(`DROP TABLE pathway_activity`);
    await q.query(`DROP TABLE care_pathway`);
  }
}
