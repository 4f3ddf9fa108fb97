import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, decodeCursor, escapeLike, isText, isUuid, normalisePostcode, Page, StaleVersion, toPage } from '@carepath/common';
import { Action, Actor, asSubject, ListScope, OrganisationsService } from '@carepath/auth';
import { AuditService, AccessLogPage } from '@carepath/audit';
import { execute, isUniqueViolation, writeOutbox } from '@carepath/database';
import { CommunicationNeedsDto, CreatePatientRequest, ListPatientsQuery, PatientResponse, UpdatePatientRequest } from './dto/patients.dto';
import { Patient } from './patient.entity';
import { checkNhsNumber, formatNhsNumber } from './patients.rules';
import { PATIENT_COMMUNICATION_NEEDS_CHANGED } from './patients.events';
import { PatientError, PatientErrorCode } from './patients.errors';

const PATIENT_COLUMNS = { serviceId: 'p.service_id', gpPracticeId: 'p.gp_practice_id' };

export function toPatientResponse(p: Patient): PatientResponse {
  return {
    id: p.id,
    nhsNumber: p.nhsNumber,
    nhsNumberFormatted: formatNhsNumber(p.nhsNumber),
    givenName: p.givenName,
    familyName: p.familyName,
    dateOfBirth: p.dateOfBirth,
    postcode: p.postcode,
    phone: p.phone,
    email: p.email,
    gpPracticeId: p.gpPracticeId,
    serviceId: p.serviceId,
    communicationNeeds: {
      format: p.communicationFormat,
      support: p.communicationSupport,
      interpreterLanguage: p.interpreterLanguage,
    },
    flags: {
      interpreterNeeded: p.interpreterLanguage !== null,
      accessibilityNeeds: p.communicationFormat !== 'standard' || p.communicationSupport.length > 0,
    },
    version: p.version,
  };
}

interface PatientRow {
  id: string;
  service_id: string;
  nhs_number: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  postcode: string;
  phone: string | null;
  email: string | null;
  gp_practice_id: string;
  communication_format: Patient['communicationFormat'];
  communication_support: Patient['communicationSupport'];
  interpreter_language: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

function rowToPatient(r: PatientRow): Patient {
  return {
    id: r.id,
    serviceId: r.service_id,
    nhsNumber: r.nhs_number,
    givenName: r.given_name,
    familyName: r.family_name,
    dateOfBirth: r.date_of_birth,
    postcode: r.postcode,
    phone: r.phone,
    email: r.email,
    gpPracticeId: r.gp_practice_id,
    communicationFormat: r.communication_format,
    communicationSupport: r.communication_support,
    interpreterLanguage: r.interpreter_language,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A patient as other libraries see them: who they are, how to reach them, how to communicate with them. */
export interface PatientSummary {
  id: string;
  serviceId: string;
  nhsNumber: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  postcode: string;
  gpPracticeId: string;
  phone: string | null;
  email: string | null;
  communicationFormat: Patient['communicationFormat'];
  communicationSupport: Patient['communicationSupport'];
  interpreterLanguage: string | null;
}

type PatientSummaryRow = Pick<
  PatientRow,
  | 'id'
  | 'service_id'
  | 'nhs_number'
  | 'given_name'
  | 'family_name'
  | 'date_of_birth'
  | 'postcode'
  | 'gp_practice_id'
  | 'phone'
  | 'email'
  | 'communication_format'
  | 'communication_support'
  | 'interpreter_language'
>;

function toPatientSummary(r: PatientSummaryRow): PatientSummary {
  return {
    id: r.id,
    serviceId: r.service_id,
    nhsNumber: r.nhs_number,
    givenName: r.given_name,
    familyName: r.family_name,
    dateOfBirth: r.date_of_birth,
    postcode: r.postcode,
    gpPracticeId: r.gp_practice_id,
    phone: r.phone,
    email: r.email,
    communicationFormat: r.communication_format,
    communicationSupport: r.communication_support,
    interpreterLanguage: r.interpreter_language,
  };
}

export const patientNotFound = () => new PatientError(PatientErrorCode.PatientNotFound, 'Patient not found');

function sameNeeds(p: Patient, next: Pick<Patient, 'communicationFormat' | 'communicationSupport' | 'interpreterLanguage'>): boolean {
  return (
    p.communicationFormat === next.communicationFormat &&
    p.interpreterLanguage === next.interpreterLanguage &&
    [...p.communicationSupport].sort().join() === [...next.communicationSupport].sort().join()
  );
}

@Injectable()
export class PatientsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * What other libraries show of patients (names, contact, communication needs), by id, in one query, without an
   * access check: the caller has already checked access to its own records that name these patients.
   */
  async summaries(manager: EntityManager, ids: string[]): Promise<Map<string, PatientSummary>> {
    if (ids.length === 0) return new Map();
    const rows: PatientSummaryRow[] = await manager.query(
      `SELECT id, service_id, nhs_number, given_name, family_name, date_of_birth, postcode, gp_practice_id, phone, email, communication_format, communication_support,
              interpreter_language
         FROM patient WHERE id = ANY($1)`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, toPatientSummary(r)]));
  }

  /**
   * Loads a patient the actor may act on, or answers 404 — the same answer for
   * "does not exist" and "not yours" — after auditing the refused attempt.
   */
  async loadInScope(manager: EntityManager, actor: Actor, action: Action, id: string, auditAction: string, lock = false): Promise<Patient> {
    const patient = await manager.getRepository(Patient).findOne({ where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    return this.audit.inScope(actor, patient, {
      action,
      subject: 'Patient',
      fields: (p) => ({ serviceId: p.serviceId, gpPracticeId: p.gpPracticeId }),
      refusal: (p) => ({ entityType: 'Patient', entityId: id, patientId: p ? id : null, action: auditAction }),
      notFound: patientNotFound,
    });
  }

  async get(actor: Actor, id: string): Promise<PatientResponse> {
    return this.dataSource.transaction(async (manager) => {
      const patient = await this.loadInScope(manager, actor, 'read', id, 'read');
      await this.audit.allowed(manager, actor, { entityType: 'Patient', entityId: id, patientId: id, action: 'read' });
      return toPatientResponse(patient);
    });
  }

  async list(actor: Actor, query: ListPatientsQuery): Promise<Page<PatientResponse>> {
    const limit = query.limit ?? 25;
    const scope = ListScope.of(actor.ability, 'read', 'Patient', PATIENT_COLUMNS);
    if (query.nhsNumber !== undefined) {
      scope.and('p.nhs_number = ?', query.nhsNumber.replace(/[\s-]/g, ''));
    }
    if (query.name !== undefined) {
      const like = scope.param(`${escapeLike(query.name.toLowerCase())}%`);
      scope.and(`(lower(p.family_name) LIKE ${like} OR lower(p.given_name) LIKE ${like})`);
    }
    if (query.cursor) {
      const [family, given, id] = decodeCursor(query.cursor, [isText, isText, isUuid]);
      scope.and('(lower(p.family_name), lower(p.given_name), p.id) > (?, ?, ?)', family, given, id);
    }
    return this.dataSource.transaction(async (manager) => {
      const rows: PatientRow[] = await manager.query(
        `SELECT p.* FROM patient p WHERE ${scope.where}
          ORDER BY lower(p.family_name), lower(p.given_name), p.id LIMIT ${limit + 1}`,
        scope.params,
      );
      const patients = rows.map(rowToPatient);
      const page = toPage(patients, limit, (p) => [p.familyName.toLowerCase(), p.givenName.toLowerCase(), p.id], toPatientResponse);
      await this.audit.allowedMany(
        manager,
        actor,
        page.items.map((item) => ({ entityType: 'Patient', entityId: item.id, patientId: item.id, action: 'list' })),
      );
      return page;
    });
  }

  /**
   * The patients with these ids that the actor may read, by id (a page showing a list of other records, such as a
   * GP's referrals, names their patients this way): one query, each patient shown audited as listed.
   */
  async getMany(actor: Actor, ids: string[]): Promise<Map<string, PatientResponse>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const scope = ListScope.of(actor.ability, 'read', 'Patient', PATIENT_COLUMNS).and('p.id = ANY(?::uuid[])', unique);
    return this.dataSource.transaction(async (manager) => {
      const rows: PatientRow[] = await manager.query(`SELECT p.* FROM patient p WHERE ${scope.where}`, scope.params);
      const patients = rows.map((row) => toPatientResponse(rowToPatient(row)));
      await this.audit.allowedMany(
        manager,
        actor,
        patients.map((p) => ({ entityType: 'Patient', entityId: p.id, patientId: p.id, action: 'list' })),
      );
      return new Map(patients.map((p) => [p.id, p]));
    });
  }

  async create(actor: Actor, body: CreatePatientRequest): Promise<PatientResponse> {
    const nhs = checkNhsNumber(body.nhsNumber);
    if (!nhs.valid) {
      throw new PatientError(PatientErrorCode.InvalidNhsNumber, 'nhsNumber fails the NHS number check digit (Modulus 11)', {
        field: 'nhsNumber',
      });
    }
    this.checkDateOfBirth(body.dateOfBirth);
    return this.dataSource.transaction(async (manager) => {
      await this.checkPractice(manager, body.gpPracticeId);
      const repository = manager.getRepository(Patient);
      const needs = this.needsFrom(body.communicationNeeds);
      const patient = repository.create({
        serviceId: actor.organisationId,
        nhsNumber: nhs.value,
        givenName: body.givenName.trim(),
        familyName: body.familyName.trim(),
        dateOfBirth: body.dateOfBirth,
        postcode: normalisePostcode(body.postcode) as string,
        phone: body.phone ?? null,
        email: body.email ?? null,
        gpPracticeId: body.gpPracticeId,
        ...needs,
        version: 1,
      });
      if (!actor.ability.can('create', asSubject('Patient', { serviceId: patient.serviceId, gpPracticeId: patient.gpPracticeId }))) {
        throw new PatientError(PatientErrorCode.PatientNotFound, 'Patient not found');
      }
      const existing = await repository.findOneBy({ serviceId: actor.organisationId, nhsNumber: nhs.value });
      if (existing) throw this.duplicate(existing.id);
      let saved: Patient;
      try {
        saved = await repository.save(patient);
      } catch (error) {
        if (isUniqueViolation(error, 'patient_service_nhs_number_key')) throw this.duplicate(null);
        throw error;
      }
      await this.audit.allowed(manager, actor, { entityType: 'Patient', entityId: saved.id, patientId: saved.id, action: 'create' });
      return toPatientResponse(saved);
    });
  }

  async update(actor: Actor, id: string, body: UpdatePatientRequest): Promise<PatientResponse> {
    if (body.dateOfBirth !== undefined) this.checkDateOfBirth(body.dateOfBirth);
    return this.dataSource.transaction(async (manager) => {
      const patient = await this.loadInScope(manager, actor, 'update', id, 'update', true);
      if (patient.version !== body.version) throw new StaleVersion('Patient', body.version);
      if (body.gpPracticeId !== undefined) await this.checkPractice(manager, body.gpPracticeId);
      const needs = body.communicationNeeds
        ? this.needsFrom({
            format: body.communicationNeeds.format ?? patient.communicationFormat,
            support: body.communicationNeeds.support ?? patient.communicationSupport,
            interpreterLanguage:
              body.communicationNeeds.interpreterLanguage === undefined
                ? patient.interpreterLanguage
                : body.communicationNeeds.interpreterLanguage,
          })
        : {
            communicationFormat: patient.communicationFormat,
            communicationSupport: patient.communicationSupport,
            interpreterLanguage: patient.interpreterLanguage,
          };
      const next: Patient = {
        ...patient,
        givenName: body.givenName?.trim() ?? patient.givenName,
        familyName: body.familyName?.trim() ?? patient.familyName,
        dateOfBirth: body.dateOfBirth ?? patient.dateOfBirth,
        postcode: body.postcode !== undefined ? (normalisePostcode(body.postcode) as string) : patient.postcode,
        phone: body.phone === undefined ? patient.phone : body.phone,
        email: body.email === undefined ? patient.email : body.email,
        gpPracticeId: body.gpPracticeId ?? patient.gpPracticeId,
        ...needs,
        version: patient.version + 1,
      };
      const updated = await execute(
        manager,
        `UPDATE patient SET given_name = $3, family_name = $4, date_of_birth = $5, postcode = $6, phone = $7, email = $8,
                gp_practice_id = $9, communication_format = $10, communication_support = $11, interpreter_language = $12,
                version = version + 1, updated_at = $13
          WHERE id = $1 AND version = $2`,
        [
          id,
          body.version,
          next.givenName,
          next.familyName,
          next.dateOfBirth,
          next.postcode,
          next.phone,
          next.email,
          next.gpPracticeId,
          next.communicationFormat,
          next.communicationSupport,
          next.interpreterLanguage,
          this.clock.now(),
        ],
      );
      if (updated !== 1) throw new StaleVersion('Patient', body.version);
      if (!sameNeeds(patient, next)) {
        // Appointments and letters must be adjusted: the service's admins are told (AIS).
        await writeOutbox(manager, PATIENT_COMMUNICATION_NEEDS_CHANGED, { patientId: id, changedByUserId: actor.userId });
      }
      await this.audit.allowed(manager, actor, { entityType: 'Patient', entityId: id, patientId: id, action: 'update' });
      return toPatientResponse(next);
    });
  }

  async accessLog(actor: Actor, id: string, limit: number, cursor?: string): Promise<AccessLogPage> {
    return this.dataSource.transaction(async (manager) => {
      await this.audit.inScope(actor, await this.loadInScope(manager, actor, 'read', id, 'read-access-log'), {
        action: 'read',
        subject: 'AuditEvent',
        fields: (patient) => ({ organisationId: patient.serviceId }),
        refusal: () => ({ entityType: 'AccessLog', entityId: id, patientId: id, action: 'read' }),
        notFound: patientNotFound,
      });
      const page = await this.audit.accessLog(manager, id, limit, cursor);
      await this.audit.allowed(manager, actor, { entityType: 'AccessLog', entityId: id, patientId: id, action: 'read' });
      return page;
    });
  }

  private needsFrom(
    needs: CommunicationNeedsDto | undefined,
  ): Pick<Patient, 'communicationFormat' | 'communicationSupport' | 'interpreterLanguage'> {
    return {
      communicationFormat: needs?.format ?? 'standard',
      communicationSupport: needs?.support ?? [],
      interpreterLanguage: needs?.interpreterLanguage?.trim() || null,
    };
  }

  private checkDateOfBirth(date: string): void {
    const today = this.clock.today();
    if (date > today)
      throw new PatientError(PatientErrorCode.DateOfBirthInFuture, 'dateOfBirth cannot be in the future', { field: 'dateOfBirth' });
    if (date < '1900-01-01')
      throw new PatientError(PatientErrorCode.DateOfBirthTooEarly, 'dateOfBirth must be 1900 or later', { field: 'dateOfBirth' });
  }

  private async checkPractice(manager: EntityManager, practiceId: string): Promise<void> {
    if (!(await this.organisations.isOfType(manager, practiceId, 'gp-practice')))
      throw new PatientError(PatientErrorCode.UnknownPractice, 'gpPracticeId is not a known GP practice', { field: 'gpPracticeId' });
  }

  private duplicate(patientId: string | null): PatientError {
    return new PatientError(
      PatientErrorCode.PatientExists,
      'A patient with this NHS number is already registered with the service',
      patientId ? { patientId } : undefined,
    );
  }
}
