import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { PathwayStatus } from './pathway.rules';

/** The plan of care for one accepted referral: its goals and, through its activities, the therapies. */
@Entity('care_pathway')
@Check('care_pathway_status_check', `status IN ('draft', 'active', 'on-hold', 'completed', 'revoked', 'entered-in-error')`)
@Unique('care_pathway_referral_id_key', ['referralId'])
@Index('care_pathway_service_idx', ['serviceId', 'status'])
export class CarePathway {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey('Referral', { name: 'care_pathway_referral_id_fkey' })
  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;
  @ForeignKey('Organisation', { name: 'care_pathway_service_id_fkey' })
  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;
  @ForeignKey('Patient', { name: 'care_pathway_patient_id_fkey' })
  @Column({ name: 'patient_id', type: 'uuid' })
  patientId: string;
  @Column({ type: 'text', array: true }) goals: string[];
  @Column({ type: 'text' }) status: PathwayStatus;
  @ForeignKey('User', { name: 'care_pathway_created_by_user_id_fkey' })
  @Column({ name: 'created_by_user_id', type: 'uuid' })
  createdByUserId: string;
  @Column({ type: 'int', default: 1 }) version: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
