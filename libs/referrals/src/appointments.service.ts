import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, InvalidTransition, londonDate, StaleVersion } from '@carepath/common';
import { Actor, asSubject } from '@carepath/auth';
import { AuditService } from '@carepath/audit';
import { execute } from '@carepath/database';
import { AppointmentResponse, AttendanceRequest, BookAppointmentRequest } from './dto/referrals.dto';
import { ClockEvent } from './referral-clock.rules';
import { Referral } from './referral.entity';
import { applyClock, loadPeriods, syncWaitingList } from './referral.store';
import { APPOINTMENT_SELECT, toAppointmentResponse } from './referral.view';
import { ReferralsService } from './referrals.service';
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
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async book(actor: Actor, referralId: string, body: BookAppointmentRequest): Promise<AppointmentResponse> {
    if (body.communicatedAt && Date.parse(body.communicatedAt) > this.clock.now().getTime()) {
      throw new ReferralError(ReferralErrorCode.CommunicatedInFuture, 'communicatedAt cannot be in the future', {
        field: 'communicatedAt',
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.referrals.loadInScope(manager, actor, 'update', referralId, 'book-appointment');
      if (referral.status !== 'triaged-accepted' && referral.status !== 'waiting') {
        throw new ReferralError(ReferralErrorCode.ReferralNotAwaitingAppointment, `A ${referral.status} referral cannot be booked`, {
          current: referral.status,
        });
      }
      if (body.kind === 'assessment' && referral.status === 'waiting') {
        throw new ReferralError(ReferralErrorCode.AlreadyAssessed, 'The patient has already been assessed');
      }
      const [row]: { id: string }[] = await manager.query(
        `INSERT INTO referral_appointment (referral_id, kind, starts_at, location, communicated_at, booked_by_user_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [referralId, body.kind, body.startsAt, body.location ?? null, body.communicatedAt ?? null, actor.userId, this.clock.now()],
      );
      // RTT: after a nullified first DNA, a new clock starts on the date the appointment is rebooked.
      const periods = await applyClock(manager, referralId, { type: 'rebooked', on: this.clock.today() });
      await syncWaitingList(manager, referral, periods);
      await this.audit.allowed(manager, actor, {
        entityType: 'Appointment',
        entityId: row.id,
        patientId: referral.patientId,
        action: 'create',
      });
      const [appointment] = await manager.query(`${APPOINTMENT_SELECT} WHERE a.id = $1`, [row.id]);
      return toAppointmentResponse(appointment);
    });
  }

  async recordAttendance(actor: Actor, appointmentId: string, body: AttendanceRequest): Promise<AppointmentResponse> {
    return this.dataSource.transaction(async (manager) => {
      const [appointment]: AppointmentRow[] = await manager.query(
        'SELECT id, referral_id, kind, starts_at, communicated_at, outcome, version FROM referral_appointment WHERE id = $1',
        [appointmentId],
      );
      const referral = appointment ? await manager.getRepository(Referral).findOneBy({ id: appointment.referral_id }) : null;
      if (
        !appointment ||
        !referral ||
        !actor.ability.can('update', asSubject('Referral', { serviceId: referral.serviceId, practiceId: referral.practiceId }))
      ) {
        throw await this.audit.notFound(
          actor,
          {
            entityType: 'Appointment',
            entityId: appointmentId,
            patientId: referral?.patientId ?? null,
            action: 'attendance',
          },
          new ReferralError(ReferralErrorCode.AppointmentNotFound, 'Appointment not found'),
        );
      }
      if (appointment.version !== body.version) throw new StaleVersion('Appointment', body.version);
      if (appointment.outcome !== 'booked') throw new InvalidTransition('Appointment', appointment.outcome, body.outcome);
      if (body.isTreatment && !(body.outcome === 'attended' && appointment.kind === 'assessment')) {
        throw new ReferralError(ReferralErrorCode.NotTreatment, 'Only an attended assessment can be marked as treatment', {
          field: 'isTreatment',
        });
      }
      const updated = await execute(
        manager,
        `UPDATE referral_appointment SET outcome = $3, is_treatment = $4, outcome_recorded_by_user_id = $5, version = version + 1
          WHERE id = $1 AND version = $2 AND outcome = 'booked'`,
        [appointmentId, body.version, body.outcome, body.isTreatment ?? false, actor.userId],
      );
      if (updated !== 1) throw new StaleVersion('Appointment', body.version);

      const on = londonDate(appointment.starts_at);
      let current: Referral = referral;
      let event: ClockEvent | undefined;
      if (body.outcome === 'dna') {
        const [first]: { id: string }[] = await manager.query(
          'SELECT id FROM referral_appointment WHERE referral_id = $1 ORDER BY created_at, id LIMIT 1',
          [referral.id],
        );
        // RTT: a first-appointment DNA nullifies the clock only if the appointment was clearly communicated.
        const communicated = appointment.communicated_at !== null && appointment.communicated_at <= appointment.starts_at;
        event = first.id === appointmentId ? { type: 'first-appointment-dna', on, communicated } : { type: 'later-dna', on };
      } else if (body.outcome === 'cancelled-by-patient' || body.outcome === 'cancelled-by-service') {
        event = { type: 'cancelled', on, by: body.outcome === 'cancelled-by-patient' ? 'patient' : 'service' };
      } else if (appointment.kind === 'assessment' && current.status === 'triaged-accepted') {
        // Assessed: off the assessment list and onto the therapy lists. The assessment is not treatment unless marked so.
        current = await this.referrals.advance(manager, actor, current, 'waiting', 'assessed');
        if (body.isTreatment) {
          event = { type: 'treatment-started', on };
          current = await this.referrals.advance(manager, actor, current, 'in-treatment', 'assessment was treatment');
        }
      }
      const periods = event ? await applyClock(manager, referral.id, event) : await loadPeriods(manager, referral.id);
      await syncWaitingList(manager, current, periods);
      await this.audit.allowed(manager, actor, {
        entityType: 'Appointment',
        entityId: appointmentId,
        patientId: referral.patientId,
        action: 'attendance',
      });
      const [row] = await manager.query(`${APPOINTMENT_SELECT} WHERE a.id = $1`, [appointmentId]);
      return toAppointmentResponse(row);
    });
  }
}
