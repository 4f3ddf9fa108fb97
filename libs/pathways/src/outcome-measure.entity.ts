import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CarePathway } from './care-pathway.entity';
import type { Measure, Timepoint } from './outcome-measures.rules';

/** A completed questionnaire (PHQ-9, GAD-7, PSEQ, EQ-5D-5L, NRS) at a pathway timepoint, with its scores. */
@Entity('outcome_measure')
@Check('outcome_measure_measure_check', `measure IN ('PHQ9', 'GAD7', 'PSEQ', 'EQ5D5L', 'NRS')`)
@Check('outcome_measure_timepoint_check', `timepoint IN ('baseline', 'review', 'discharge')`)
@Index('outcome_measure_pathway_idx', ['pathwayId', 'measure', 'recordedAt'])
export class OutcomeMeasure {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey(() => CarePathway, { name: 'outcome_measure_pathway_id_fkey' })
  @Column({ name: 'pathway_id', type: 'uuid' })
  pathwayId: string;
  @ForeignKey('Patient', { name: 'outcome_measure_patient_id_fkey' })
  @Column({ name: 'patient_id', type: 'uuid' })
  patientId: string;
  @Column({ type: 'text' }) measure: Measure;
  @Column({ type: 'text' }) timepoint: Timepoint;
  @Column({ type: 'jsonb' }) answers: Record<string, number>;
  @Column({ type: 'int', nullable: true }) total: number | null;
  @Column({ type: 'text', nullable: true }) band: string | null;
  /** EQ-5D-5L only: the five levels as a profile such as '21321', and the visual analogue scale. */
  @Column({ type: 'text', nullable: true }) profile: string | null;
  @Column({ type: 'int', nullable: true }) vas: number | null;
  @ForeignKey('User', { name: 'outcome_measure_recorded_by_user_id_fkey' })
  @Column({ name: 'recorded_by_user_id', type: 'uuid' })
  recordedByUserId: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}
