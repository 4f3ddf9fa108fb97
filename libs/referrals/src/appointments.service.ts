import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, londonDate, StaleVersion } from '@carepath/common';
import { Actor } from '@carepath/auth';
import { AuditService } from '@carepath/audit';
import { execute } from '@carepath/database';
import { PatientsService } from '@carepath/patients';
import { AppointmentResponse, AttendanceRequest, BookAppointmentRequest } from './dto/referrals.dto';
import { assertBookable, assertCommunicatedAt, attendanceChange } from './referral.rules';
import { Referral } from './referral.entity';
import { APPOINTMENT_SELECT, interpreterLanguageOf, toAppointmentResponse } from './referral.view';
import { referralScopeFields, ReferralsService } from './referrals.service';
import { ReferralError, ReferralErrorCode } from './referrals.errors';

interface AppointmentRow {
  id: string;
  referral_id: string;
  kind: 'assessment' | 'introductory';
  starts_at: Date;
  communicated_at: Date | null;
  outcome: string;
  version: number;
}

/** The first assessment and the introductory session, and what their attendance means for the clock. */
@Injectable()
export class AppointmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referrals: ReferralsService,
    private readonly patients: PatientsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async book(actor: Actor, referralId: string, body: BookAppointmentRequest): Promise<AppointmentResponse> {
    assertCommunicatedAt(body.communicatedAt ? new Date(body.communicatedAt) : null, this.clock.now());
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.referrals.loadInScope(manager, actor, 'update', referralId, 'book-appointment');
      assertBookable(referral.status, body.kind);
      const [row]: { id: string }[] = await manager.query(
        `INSERT INTO referral_appointment (referral_id, kind, starts_at, location, communicated_at, booked_by_user_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [referralId, body.kind, body.startsAt, body.location ?? null, body.communicatedAt ?? null, actor.userId, this.clock.now()],
      );
      // RTT: after a nullified first DNA, a new clock starts on the date the appointment is rebooked.
      await this.referrals.applyChange(manager, actor, referral, {
        clock: { type: 'rebooked', on: this.clock.today() },
        audit: { action: 'create', entityType: 'Appointment', entityId: row.id },
      });
      const [appointment] = await manager.query(`${APPOINTMENT_SELECT} WHERE a.id = $1`, [row.id]);
      return toAppointmentResponse(appointment, await interpreterLanguageOf(manager, this.patients, referral.patientId));
    });
  }

  async recordAttendance(actor: Actor, appointmentId: string, body: AttendanceRequest): Promise<AppointmentResponse> {
    return this.dataSource.transaction(async (manager) => {
      const [appointment]: AppointmentRow[] = await manager.query(
        'SELECT id, referral_id, kind, starts_at, communicated_at, outcome, version FROM referral_appointment WHERE id = $1',
        [appointmentId],
      );
      const found = appointment ? await manager.getRepository(Referral).findOneBy({ id: appointment.referral_id }) : null;
      const referral = await this.audit.inScope(actor, found, {
        action: 'update',
        subject: 'Referral',
        fields: referralScopeFields,
        refusal: () => ({ entityType: 'Appointment', entityId: appointmentId, patientId: found?.patientId ?? null, action: 'attendance' }),
        notFound: () => new ReferralError(ReferralErrorCode.AppointmentNotFound, 'Appointment not found'),
      });
      if (appointment.version !== body.version) throw new StaleVersion('Appointment', body.version);
      const { steps, clock } = attendanceChange(referral.status, {
        kind: appointment.kind,
        current: appointment.outcome,
        outcome: body.outcome,
        isTreatment: body.isTreatment ?? false,
        on: londonDate(appointment.starts_at),
        startsAt: appointment.starts_at,
        communicatedAt: appointment.communicated_at,
        isFirstAppointment: body.outcome === 'dna' && (await this.isFirstAppointment(manager, referral.id, appointmentId)),
      });
      const updated = await execute(
        manager,
        `UPDATE referral_appointment SET outcome = $3, is_treatment = $4, outcome_recorded_by_user_id = $5, version = version + 1
          WHERE id = $1 AND version = $2 AND outcome = 'booked'`,
        [appointmentId, body.version, body.outcome, body.isTreatment ?? false, actor.userId],
      );
      if (updated !== 1) throw new StaleVersion('Appointment', body.version);
      await this.referrals.applyChange(manager, actor, referral, {
        steps,
        clock,
        audit: { action: 'attendance', entityType: 'Appointment', entityId: appointmentId },
      });
      const [row] = await manager.query(`${APPOINTMENT_SELECT} WHERE a.id = $1`, [appointmentId]);
      return toAppointmentResponse(row, await interpreterLanguageOf(manager, this.patients, referral.patientId));
    });
  }

  private async isFirstAppointment(manager: EntityManager, referralId: string, appointmentId: string): Promise<boolean> {
    const [first]: { id: string }[] = await manager.query(
      'SELECT id FROM referral_appointment WHERE referral_id = $1 ORDER BY created_at, id LIMIT 1',
      [referralId],
    );
    return first.id === appointmentId;
  }
}
