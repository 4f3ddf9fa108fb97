import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { Clock, StaleVersion } from '@carepath/common';
import { Action, Actor, OrganisationsService } from '@carepath/auth';
import { AuditService } from '@carepath/audit';
import { execute, isUniqueViolation } from '@carepath/database';
import { Consent } from './consent.entity';
import { ConsentList, ConsentResponse, CreateConsentRequest, WithdrawConsentRequest } from './dto/patients.dto';
import { patientNotFound, PatientsService } from './patients.service';
import { PatientError, PatientErrorCode } from './patients.errors';

export function toConsentResponse(c: Consent): ConsentResponse {
  return {
    id: c.id,
    patientId: c.patientId,
    organisationId: c.organisationId,
    purpose: c.purpose,
    givenAt: c.givenAt.toISOString(),
    givenByUserId: c.givenByUserId,
    withdrawnAt: c.withdrawnAt ? c.withdrawnAt.toISOString() : null,
    withdrawnByUserId: c.withdrawnByUserId,
    active: c.withdrawnAt === null,
    version: c.version,
  };
}

/** Consent to share with a named VCS organisation: given, listed, withdrawn. */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly patients: PatientsService,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The patient's active consent to share with the organisation, if any (at most one), in the caller's transaction. */
  async activeConsent(manager: EntityManager, patientId: string, organisationId: string): Promise<Consent | null> {
    return manager.getRepository(Consent).findOneBy({ patientId, organisationId, withdrawnAt: IsNull() });
  }

  /** Which of these consents are still active. */
  async activeAmong(manager: EntityManager, consentIds: string[]): Promise<Set<string>> {
    if (consentIds.length === 0) return new Set();
    const active = await manager
      .getRepository(Consent)
      .find({ select: { id: true }, where: { id: In(consentIds), withdrawnAt: IsNull() } });
    return new Set(active.map((c) => c.id));
  }

  /** The active consents given to share with an organisation (what its social prescribers may see). */
  async activeGivenTo(manager: EntityManager, organisationId: string): Promise<string[]> {
    const active = await manager.getRepository(Consent).find({ select: { id: true }, where: { organisationId, withdrawnAt: IsNull() } });
    return active.map((c) => c.id);
  }

  /** A patient's consents are reached through the patient, then by the actor's rules on consents of the patient's service. */
  private async consentsInScope(
    manager: EntityManager,
    actor: Actor,
    action: Action,
    patientId: string,
    auditAction: string,
    refusedAction: string,
  ): Promise<void> {
    await this.audit.inScope(actor, await this.patients.loadInScope(manager, actor, 'read', patientId, auditAction), {
      action,
      subject: 'Consent',
      fields: (patient) => ({ serviceId: patient.serviceId }),
      refusal: () => ({ entityType: 'Consent', entityId: null, patientId, action: refusedAction }),
      notFound: patientNotFound,
    });
  }

  async list(actor: Actor, patientId: string): Promise<ConsentList> {
    return this.dataSource.transaction(async (manager) => {
      await this.consentsInScope(manager, actor, 'read', patientId, 'read-consents', 'list');
      const consents = await manager.getRepository(Consent).find({ where: { patientId }, order: { givenAt: 'DESC', id: 'ASC' } });
      await this.audit.allowed(manager, actor, { entityType: 'Consent', entityId: null, patientId, action: 'list' });
      return { items: consents.map(toConsentResponse) };
    });
  }

  async give(actor: Actor, patientId: string, body: CreateConsentRequest): Promise<ConsentResponse> {
    return this.dataSource.transaction(async (manager) => {
      await this.consentsInScope(manager, actor, 'create', patientId, 'create-consent', 'create');
      if (!(await this.organisations.isOfType(manager, body.organisationId, 'vcs'))) {
        throw new PatientError(
          PatientErrorCode.UnknownVcsOrganisation,
          'organisationId is not a known voluntary or community organisation',
          {
            field: 'organisationId',
          },
        );
      }
      const repository = manager.getRepository(Consent);
      let saved: Consent;
      try {
        saved = await repository.save(
          repository.create({
            patientId,
            organisationId: body.organisationId,
            purpose: body.purpose.trim(),
            givenAt: this.clock.now(),
            givenByUserId: actor.userId,
            withdrawnAt: null,
            withdrawnByUserId: null,
            version: 1,
          }),
        );
      } catch (error) {
        if (isUniqueViolation(error, 'consent_one_active_per_organisation')) {
          throw new PatientError(PatientErrorCode.ConsentAlreadyActive, 'The patient already has an active consent for this organisation');
        }
        throw error;
      }
      await this.audit.allowed(manager, actor, { entityType: 'Consent', entityId: saved.id, patientId, action: 'create' });
      return toConsentResponse(saved);
    });
  }

  async withdraw(actor: Actor, patientId: string, consentId: string, body: WithdrawConsentRequest): Promise<ConsentResponse> {
    return this.dataSource.transaction(async (manager) => {
      const patient = await this.patients.loadInScope(manager, actor, 'read', patientId, 'withdraw-consent');
      const consent = await this.audit.inScope(actor, await manager.getRepository(Consent).findOneBy({ id: consentId, patientId }), {
        action: 'update',
        subject: 'Consent',
        fields: () => ({ serviceId: patient.serviceId }),
        refusal: () => ({ entityType: 'Consent', entityId: consentId, patientId, action: 'withdraw' }),
        notFound: () => new PatientError(PatientErrorCode.ConsentNotFound, 'Consent not found'),
      });
      if (consent.withdrawnAt) throw new PatientError(PatientErrorCode.ConsentAlreadyWithdrawn, 'This consent was already withdrawn');
      const now = this.clock.now();
      const updated = await execute(
        manager,
        `UPDATE consent SET withdrawn_at = $3, withdrawn_by_user_id = $4, version = version + 1
          WHERE id = $1 AND version = $2 AND withdrawn_at IS NULL`,
        [consentId, body.version, now, actor.userId],
      );
      if (updated !== 1) throw new StaleVersion('Consent', body.version);
      await this.audit.allowed(manager, actor, { entityType: 'Consent', entityId: consentId, patientId, action: 'withdraw' });
      return toConsentResponse({ ...consent, withdrawnAt: now, withdrawnByUserId: actor.userId, version: consent.version + 1 });
    });
  }
}
