import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, londonDate, ValidationFailed } from '@carepath/common';
import { Action, Actor } from '@carepath/auth';
import { AuditService } from '@carepath/audit';
import { writeOutbox } from '@carepath/database';
import { TasksService } from '@carepath/tasks';
import { OutcomeList, OutcomeResponse, RecordOutcomeRequest } from './dto/pathways.dto';
import { Eq5dAnswers, Measure, needsUrgentReview, scoreAnswers, Timepoint, validateAnswers } from './outcome-measures.rules';
import { PathwayRow } from './pathway.view';
import { PathwaysService } from './pathways.service';
import { PHQ9_URGENT } from './pathways.events';
import { PathwayError, PathwayErrorCode } from './pathways.errors';

interface OutcomeRow {
  id: string;
  measure: Measure;
  timepoint: Timepoint;
  answers: number[] | Eq5dAnswers;
  total: number | null;
  band: string | null;
  profile: string | null;
  vas: number | null;
  recorded_by_user_id: string;
  recorded_at: Date;
}

function toOutcomeResponse(row: OutcomeRow): OutcomeResponse {
  return {
    id: row.id,
    measure: row.measure,
    timepoint: row.timepoint,
    answers: row.answers,
    total: row.total,
    band: row.band,
    profile: row.profile,
    vas: row.vas,
    urgent: needsUrgentReview(row.measure, row.answers),
    recordedByUserId: row.recorded_by_user_id,
    recordedAt: row.recorded_at.toISOString(),
  };
}

/** Outcome measures: answers validated and stored, totals and bands computed here, never taken from the client. */
@Injectable()
export class OutcomesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pathways: PathwaysService,
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** A pathway's outcome measures are reached through the pathway, then by the actor's rules on outcomes of its service. */
  private async outcomesInScope(
    manager: EntityManager,
    actor: Actor,
    action: Action,
    pathwayId: string,
    auditAction: string,
    refusedAction: string,
  ): Promise<PathwayRow> {
    return this.audit.inScope(actor, await this.pathways.loadInScope(manager, actor, 'read', pathwayId, auditAction), {
      action,
      subject: 'Outcome',
      fields: (pathway) => ({ serviceId: pathway.service_id }),
      refusal: (pathway) => ({
        entityType: 'OutcomeMeasure',
        entityId: null,
        patientId: pathway?.patient_id ?? null,
        action: refusedAction,
      }),
      notFound: () => new PathwayError(PathwayErrorCode.PathwayNotFound, 'Pathway not found'),
    });
  }

  async record(actor: Actor, pathwayId: string, body: RecordOutcomeRequest): Promise<OutcomeResponse> {
    const errors = validateAnswers(body.measure, body.answers);
    if (errors.length) throw new ValidationFailed(errors);
    const answers = body.answers as number[] | Eq5dAnswers;
    const score = scoreAnswers(body.measure, answers);
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const pathway = await this.outcomesInScope(manager, actor, 'create', pathwayId, 'record-outcome', 'create');
      if (pathway.status === 'entered-in-error')
        throw new PathwayError(PathwayErrorCode.PathwayEnteredInError, 'This pathway was entered in error');
      const [row]: OutcomeRow[] = await manager.query(
        `INSERT INTO outcome_measure (pathway_id, patient_id, measure, timepoint, answers, total, band, profile, vas, recorded_by_user_id, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         RETURNING id, measure, timepoint, answers, total, band, profile, vas, recorded_by_user_id, recorded_at`,
        [
          pathwayId,
          pathway.patient_id,
          body.measure,
          body.timepoint,
          JSON.stringify(answers),
          score.total,
          score.band,
          score.profile,
          score.vas,
          actor.userId,
          now,
        ],
      );
      if (needsUrgentReview(body.measure, answers)) {
        // PHQ-9 item 9 (thoughts of self-harm): an urgent task for the lead clinician and a notification at once,
        // committed with the answers so neither can be lost.
        const [lead]: { lead_clinician_id: string }[] = await manager.query(
          `SELECT lead_clinician_id FROM pathway_activity WHERE pathway_id = $1
            ORDER BY (modality = 'psychology') DESC, seq LIMIT 1`,
          [pathwayId],
        );
        const taskId = await this.tasks.raise(manager, {
          serviceId: pathway.service_id,
          kind: 'phq9-urgent',
          priority: 'urgent',
          patientId: pathway.patient_id,
          referralId: pathway.referral_id,
          pathwayId,
          assigneeUserId: lead?.lead_clinician_id ?? actor.userId,
          dueOn: londonDate(now),
          sourceKey: `phq9-urgent:${row.id}`,
        });
        await writeOutbox(manager, PHQ9_URGENT, { taskId });
      }
      await this.audit.allowed(manager, actor, {
        entityType: 'OutcomeMeasure',
        entityId: row.id,
        patientId: pathway.patient_id,
        action: 'create',
      });
      return toOutcomeResponse(row);
    });
  }

  async list(actor: Actor, pathwayId: string): Promise<OutcomeList> {
    return this.dataSource.transaction(async (manager) => {
      const pathway = await this.outcomesInScope(manager, actor, 'read', pathwayId, 'read-outcomes', 'list');
      const rows: OutcomeRow[] = await manager.query(
        `SELECT id, measure, timepoint, answers, total, band, profile, vas, recorded_by_user_id, recorded_at
           FROM outcome_measure WHERE pathway_id = $1 ORDER BY recorded_at, id`,
        [pathwayId],
      );
      await this.audit.allowed(manager, actor, {
        entityType: 'OutcomeMeasure',
        entityId: null,
        patientId: pathway.patient_id,
        action: 'list',
      });
      return { items: rows.map(toOutcomeResponse) };
    });
  }
}
