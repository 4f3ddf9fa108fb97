import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IsoDate } from '@carepath/common';
import { Actor, UsersService } from '@carepath/auth';
import { PatientsService } from '@carepath/patients';
import { TasksService } from '@carepath/tasks';
import { CaseProgress } from './dto/mdt.dto';
import { PathwayReviewFacts, MdtPathways } from './mdt-pathways';
import { compareDueCases, DueCase, dueCase } from './mdt.rules';

export interface DueEntry extends DueCase {
  pathwayId: string;
  patientId: string;
  leadClinicianIds: string[];
}

/** The task kinds that make a case due (DOMAIN-RULES.md "Reviews, letters, tasks"). */
const DUE_TASK_KINDS = ['dna-review', 'phq9-urgent'];

/**
 * Which of a service's pathways are due for review, and what the MDT sees of each. The rule is `dueCase` in
 * mdt.rules.ts; this gathers its facts for every active pathway of the service in four batched queries
 * (pathways, latest reviews, standing flags, open tasks) however many pathways there are.
 */
@Injectable()
export class MdtDueService {
  constructor(
    private readonly mdtPathways: MdtPathways,
    private readonly tasks: TasksService,
    private readonly patients: PatientsService,
    private readonly users: UsersService,
  ) {}

  /** Every case of the service due by `by`, in case-list order. */
  async dueList(manager: EntityManager, serviceId: string, by: IsoDate): Promise<DueEntry[]> {
    const pathways = await this.mdtPathways.pathways.reviewFacts(manager, { activeInService: serviceId });
    const [reviews, flags, tasks] = await Promise.all([
      this.lastReviews(manager, serviceId, by),
      manager.query(`SELECT pathway_id, flagged_on::text FROM mdt_flag WHERE service_id = $1 AND status = 'open'`, [serviceId]) as Promise<
        { pathway_id: string; flagged_on: string }[]
      >,
      this.tasks.openOnPathways(manager, serviceId, { kinds: DUE_TASK_KINDS }),
    ]);
    const flaggedOn = new Map(flags.map((f) => [f.pathway_id, f.flagged_on]));
    const raised = new Map<string, { dna: IsoDate[]; phq9: IsoDate[] }>();
    for (const t of tasks) {
      const own = raised.get(t.pathwayId) ?? { dna: [], phq9: [] };
      (t.kind === 'dna-review' ? own.dna : own.phq9).push(t.raisedOn);
      raised.set(t.pathwayId, own);
    }
    const due: DueEntry[] = [];
    for (const p of pathways) {
      const found = dueCase(
        {
          pathwayStatus: p.status,
          activatedOn: p.activatedOn,
          lastReviewedOn: reviews.get(p.id) ?? null,
          flaggedOn: flaggedOn.get(p.id) ?? null,
          openDnaTasksRaisedOn: raised.get(p.id)?.dna ?? [],
          openPhq9TasksRaisedOn: raised.get(p.id)?.phq9 ?? [],
        },
        by,
      );
      if (found) due.push({ ...found, pathwayId: p.id, patientId: p.patientId, leadClinicianIds: p.leadClinicianIds });
    }
    return due.sort(compareDueCases);
  }

  /** The meeting day of each pathway's latest MDT decision up to `by`, for the service's pathways. */
  async lastReviews(manager: EntityManager, serviceId: string, by: IsoDate): Promise<Map<string, IsoDate>> {
    const rows: { pathway_id: string; last: string }[] = await manager.query(
      `SELECT d.pathway_id, max(d.meeting_on)::text AS last
         FROM mdt_decision d JOIN mdt_case c ON c.id = d.case_id JOIN mdt_meeting m ON m.id = c.meeting_id
        WHERE m.service_id = $1 AND d.meeting_on <= $2
        GROUP BY d.pathway_id`,
      [serviceId, by],
    );
    return new Map(rows.map((r) => [r.pathway_id, r.last]));
  }

  /** Patient, lead clinicians, scores against baseline, session counters and open tasks of a page of pathways. */
  async progress(manager: EntityManager, serviceId: string, pathwayIds: string[]): Promise<Map<string, CaseProgress>> {
    if (pathwayIds.length === 0) return new Map();
    const facts = await this.mdtPathways.pathways.reviewFacts(manager, { ids: pathwayIds });
    const [progress, tasks, patients, names] = await Promise.all([
      this.mdtPathways.pathways.progress(manager, pathwayIds),
      this.tasks.openOnPathways(manager, serviceId, { pathwayIds }),
      this.patients.summaries(
        manager,
        facts.map((f) => f.patientId),
      ),
      this.users.names(manager, [...new Set(facts.flatMap((f) => f.leadClinicianIds))]),
    ]);
    const result = new Map<string, CaseProgress>();
    for (const f of facts) {
      const patient = patients.get(f.patientId);
      const p = progress.get(f.id);
      if (!patient || !p) continue;
      result.set(f.id, {
        pathwayId: f.id,
        referralId: f.referralId,
        patient: {
          id: patient.id,
          nhsNumber: patient.nhsNumber,
          givenName: patient.givenName,
          familyName: patient.familyName,
          interpreterLanguage: patient.interpreterLanguage,
          communicationFormat: patient.communicationFormat,
          communicationSupport: patient.communicationSupport,
        },
        leadClinicians: f.leadClinicianIds.map((id) => ({ id, name: names.get(id) ?? null })),
        scores: p.scores.map((s) => ({ ...s, change: s.baseline !== null && s.latest !== null ? s.latest - s.baseline : null })),
        sessions: p.sessions,
        openTasks: tasks.filter((t) => t.pathwayId === f.id).map((t) => ({ id: t.id, kind: t.kind, priority: t.priority, dueOn: t.dueOn })),
      });
    }
    return result;
  }

  servicesWithActivePathways(manager: EntityManager): Promise<string[]> {
    return this.mdtPathways.pathways.servicesWithActivePathways(manager);
  }

  reviewFactsInScope(manager: EntityManager, actor: Actor, id: string, auditAction: string): Promise<PathwayReviewFacts> {
    return this.mdtPathways.pathways.reviewFactsInScope(manager, actor, id, auditAction);
  }

  reviewFacts(manager: EntityManager, ids: string[]): Promise<PathwayReviewFacts[]> {
    return this.mdtPathways.pathways.reviewFacts(manager, { ids });
  }
}
