import { MigrationInterface, QueryRunner } from 'typeorm';

export class MdtReviews1764200000000 implements MigrationInterface {
  name = 'MdtReviews1764200000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mdt_meeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        service_id uuid NOT NULL CONSTRAINT mdt_meeting_service_id_fkey REFERENCES organisation (id),
        meeting_on date NOT NULL,
        site text NOT NULL,
        status text NOT NULL DEFAULT 'planned' CONSTRAINT mdt_meeting_status_check CHECK (status IN ('planned', 'in-progress', 'closed')),
        created_by_user_id uuid NOT NULL CONSTRAINT mdt_meeting_created_by_user_id_fkey REFERENCES app_user (id),
        started_at timestamptz,
        closed_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX mdt_meeting_service_idx ON mdt_meeting (service_id, meeting_on)`);

    await q.query(`
      CREATE TABLE mdt_attendee (
        meeting_id uuid NOT NULL CONSTRAINT mdt_attendee_meeting_id_fkey REFERENCES mdt_meeting (id),
        user_id uuid NOT NULL CONSTRAINT mdt_attendee_user_id_fkey REFERENCES app_user (id),
        PRIMARY KEY (meeting_id, user_id)
      )`);

    await q.query(`
      CREATE TABLE mdt_case (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL CONSTRAINT mdt_case_meeting_id_fkey REFERENCES mdt_meeting (id),
        pathway_id uuid NOT NULL CONSTRAINT mdt_case_pathway_id_fkey REFERENCES care_pathway (id),
        patient_id uuid NOT NULL CONSTRAINT mdt_case_patient_id_fkey REFERENCES patient (id),
        origin text NOT NULL CONSTRAINT mdt_case_origin_check CHECK (origin IN ('generated', 'added')),
        due_on date,
        reasons text[] NOT NULL DEFAULT '{}',
        urgent boolean NOT NULL DEFAULT false,
        added_reason text,
        removed_reason text,
        removed_at timestamptz,
        changed_by_user_id uuid CONSTRAINT mdt_case_changed_by_user_id_fkey REFERENCES app_user (id),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT mdt_case_meeting_pathway_key UNIQUE (meeting_id, pathway_id)
      )`);
    await q.query(`CREATE INDEX mdt_case_pathway_idx ON mdt_case (pathway_id)`);

    await q.query(`
      CREATE TABLE mdt_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL CONSTRAINT mdt_decision_case_id_fkey REFERENCES mdt_case (id),
        pathway_id uuid NOT NULL CONSTRAINT mdt_decision_pathway_id_fkey REFERENCES care_pathway (id),
        meeting_on date NOT NULL,
        decision text NOT NULL
          CONSTRAINT mdt_decision_kind_check CHECK (decision IN ('continue', 'change-pathway', 'discharge', 'refer-on', 'handoff-to-community')),
        destination text,
        summary text NOT NULL,
        actions jsonb NOT NULL DEFAULT '[]',
        amends_decision_id uuid CONSTRAINT mdt_decision_amends_decision_id_fkey REFERENCES mdt_decision (id),
        amendment_reason text,
        recorded_by_user_id uuid NOT NULL CONSTRAINT mdt_decision_recorded_by_user_id_fkey REFERENCES app_user (id),
        recorded_at timestamptz NOT NULL,
        CONSTRAINT mdt_decision_amendment_check CHECK ((amends_decision_id IS NULL) = (amendment_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX mdt_decision_case_idx ON mdt_decision (case_id, recorded_at)`);
    await q.query(`CREATE INDEX mdt_decision_pathway_idx ON mdt_decision (pathway_id, meeting_on)`);

    await q.query(`
      CREATE TABLE mdt_flag (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        service_id uuid NOT NULL CONSTRAINT mdt_flag_service_id_fkey REFERENCES organisation (id),
        pathway_id uuid NOT NULL CONSTRAINT mdt_flag_pathway_id_fkey REFERENCES care_pathway (id),
        reason text NOT NULL,
        status text NOT NULL DEFAULT 'open' CONSTRAINT mdt_flag_status_check CHECK (status IN ('open', 'withdrawn', 'discussed')),
        flagged_on date NOT NULL,
        flagged_by_user_id uuid NOT NULL CONSTRAINT mdt_flag_flagged_by_user_id_fkey REFERENCES app_user (id),
        flagged_at timestamptz NOT NULL,
        closed_reason text,
        closed_by_user_id uuid CONSTRAINT mdt_flag_closed_by_user_id_fkey REFERENCES app_user (id),
        closed_at timestamptz,
        version integer NOT NULL DEFAULT 1
      )`);
    // A pathway has at most one standing flag.
    await q.query(`CREATE UNIQUE INDEX mdt_flag_one_open_per_pathway ON mdt_flag (pathway_id) WHERE status = 'open'`);

    // An MDT action's description, or where to refer on, travels with the task it becomes.
    await q.query(`ALTER TABLE clinical_task ADD COLUMN detail text`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clinical_task DROP COLUMN detail`);
    await q.query(`DROP TABLE mdt_flag`);
    await q.query(`DROP TABLE mdt_decision`);
    await q.query(`DROP TABLE mdt_case`);
    await q.query(`DROP TABLE mdt_attendee`);
    await q.query(`DROP TABLE mdt_meeting`);
  }
}
