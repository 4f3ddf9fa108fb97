import { MigrationInterface, QueryRunner } from 'typeorm';

export class Referrals1763827200000 implements MigrationInterface {
  name = 'Referrals1763827200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE referral (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        service_id uuid NOT NULL REFERENCES organisation (id),
        patient_id uuid NOT NULL REFERENCES patient (id),
        practice_id uuid NOT NULL REFERENCES organisation (id),
        referred_by_user_id uuid NOT NULL REFERENCES app_user (id),
        priority text NOT NULL CHECK (priority IN ('routine', 'urgent')),
        reason text NOT NULL,
        red_flags jsonb NOT NULL DEFAULT '{}',
        received_on date NOT NULL,
        external_reference text,
        request_hash text NOT NULL,
        status text NOT NULL CHECK (status IN ('received', 'info-requested', 'triaged-accepted', 'rejected', 'redirected',
                                               'waiting', 'in-treatment', 'discharged', 'entered-in-error')),
        modalities text[] NOT NULL DEFAULT '{}',
        intro_session boolean NOT NULL DEFAULT false,
        redirect_destination text,
        status_reason text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX referral_external_reference_key ON referral (service_id, external_reference) WHERE external_reference IS NOT NULL`,
    );
    await q.query(`CREATE INDEX referral_service_list_idx ON referral (service_id, received_on DESC, id DESC)`);
    await q.query(`CREATE INDEX referral_practice_list_idx ON referral (practice_id, received_on DESC, id DESC)`);
    await q.query(`CREATE INDEX referral_patient_idx ON referral (patient_id)`);

    await q.query(`
      CREATE TABLE referral_status_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        referral_id uuid NOT NULL REFERENCES referral (id),
        from_status text,
        to_status text NOT NULL,
        actor_user_id uuid NOT NULL REFERENCES app_user (id),
        reason text,
        changed_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX referral_status_change_referral_idx ON referral_status_change (referral_id, seq)`);

    await q.query(`
      CREATE TABLE clock_period (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL REFERENCES referral (id),
        seq integer NOT NULL,
        started_on date NOT NULL,
        stopped_on date,
        stop_reason text,
        nullified boolean NOT NULL DEFAULT false,
        CONSTRAINT clock_period_seq_key UNIQUE (referral_id, seq)
      )`);

    await q.query(`
      CREATE TABLE referral_appointment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL REFERENCES referral (id),
        kind text NOT NULL CHECK (kind IN ('assessment', 'introductory')),
        starts_at timestamptz NOT NULL,
        location text,
        communicated_at timestamptz,
        outcome text NOT NULL DEFAULT 'booked'
          CHECK (outcome IN ('booked', 'attended', 'dna', 'cancelled-by-patient', 'cancelled-by-service')),
        is_treatment boolean NOT NULL DEFAULT false,
        booked_by_user_id uuid NOT NULL REFERENCES app_user (id),
        outcome_recorded_by_user_id uuid REFERENCES app_user (id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX referral_appointment_referral_idx ON referral_appointment (referral_id, created_at)`);

    await q.query(`
      CREATE TABLE patient_delay (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL REFERENCES referral (id),
        starts_on date NOT NULL,
        ends_on date,
        reason text NOT NULL,
        declined_offer boolean NOT NULL DEFAULT false,
        recorded_by_user_id uuid NOT NULL REFERENCES app_user (id),
        recorded_at timestamptz NOT NULL,
        CONSTRAINT patient_delay_dates CHECK (ends_on IS NULL OR ends_on >= starts_on)
      )`);
    await q.query(`CREATE INDEX patient_delay_referral_idx ON patient_delay (referral_id)`);

    // One row per referral and list it waits on; kept in step with the referral and its clock,
    // so each waiting list is one index range scan however deep the page.
    await q.query(`
      CREATE TABLE waiting_list_entry (
        referral_id uuid NOT NULL REFERENCES referral (id),
        modality text NOT NULL,
        service_id uuid NOT NULL REFERENCES organisation (id),
        practice_id uuid NOT NULL REFERENCES organisation (id),
        priority_rank smallint NOT NULL,
        clock_started_on date NOT NULL,
        awaiting_rebooking boolean NOT NULL DEFAULT false,
        PRIMARY KEY (referral_id, modality)
      )`);
    await q.query(
      `CREATE INDEX waiting_list_order_idx ON waiting_list_entry (service_id, modality, priority_rank, clock_started_on, referral_id)`,
    );

    await q.query(`
      CREATE TABLE modality_capacity (
        service_id uuid NOT NULL REFERENCES organisation (id),
        modality text NOT NULL,
        slots_per_week integer NOT NULL CHECK (slots_per_week >= 0),
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by_user_id uuid REFERENCES app_user (id),
        PRIMARY KEY (service_id, modality)
      )`);

    await q.query(`
      CREATE TABLE clinical_task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        service_id uuid NOT NULL REFERENCES organisation (id),
        kind text NOT NULL,
        priority text NOT NULL DEFAULT 'routine' CHECK (priority IN ('routine', 'urgent')),
        patient_id uuid NOT NULL REFERENCES patient (id),
        referral_id uuid REFERENCES referral (id),
        assignee_user_id uuid REFERENCES app_user (id),
        due_on date NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed')),
        source_key text NOT NULL UNIQUE,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX clinical_task_open_idx ON clinical_task (service_id, status, due_on)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE clinical_task`);
    await q.query(`DROP TABLE modality_capacity`);
    await q.query(`DROP TABLE waiting_list_entry`);
    await q.query(`DROP TABLE patient_delay`);
    await q.query(`DROP TABLE referral_appointment`);
    await q.query(`DROP TABLE clock_period`);
    await q.query(`DROP TABLE referral_status_change`);
    await q.query(`DROP TABLE referral`);
  }
}
