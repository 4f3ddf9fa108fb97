import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Patient } from './patient.entity';

/** Consent to share with a named VCS organisation; active until withdrawn. */
@Entity('consent')
@Index('consent_patient_idx', ['patientId', 'givenAt'])
@Index('consent_one_active_per_organisation', ['patientId', 'organisationId'], { unique: true, where: 'withdrawn_at IS NULL' })
export class Consent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => Patient, { name: 'consent_patient_id_fkey' })
  @Column({ name: 'patient_id', type: 'uuid' })
  patientId: string;

  @ForeignKey('Organisation', { name: 'consent_organisation_id_fkey' })
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  purpose: string;

  @Column({ name: 'given_at', type: 'timestamptz' })
  givenAt: Date;

  @ForeignKey('User', { name: 'consent_given_by_user_id_fkey' })
  @Column({ name: 'given_by_user_id', type: 'uuid' })
  givenByUserId: string;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @ForeignKey('User', { name: 'consent_withdrawn_by_user_id_fkey' })
  @Column({ name: 'withdrawn_by_user_id', type: 'uuid', nullable: true })
  withdrawnByUserId: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;
}
