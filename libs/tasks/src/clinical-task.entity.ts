import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Work a clinician must do for a patient by a date, raised by any domain; one task per source key, however often it is raised. */
@Entity('clinical_task')
@Check('clinical_task_priority_check', `priority IN ('routine', 'urgent')`)
@Check('clinical_task_status_check', `status IN ('open', 'completed')`)
@Unique('clinical_task_source_key_key', ['sourceKey'])
@Index('clinical_task_open_idx', ['serviceId', 'status', 'dueOn'])
@Index('clinical_task_assignee_idx', ['assigneeUserId', 'status', 'priority', 'dueOn'])
export class ClinicalTask {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey('Organisation', { name: 'clinical_task_service_id_fkey' })
  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text', default: 'routine' }) priority: 'routine' | 'urgent';
  @ForeignKey('Patient', { name: 'clinical_task_patient_id_fkey' })
  @Column({ name: 'patient_id', type: 'uuid' })
  patientId: string;
  @ForeignKey('Referral', { name: 'clinical_task_referral_id_fkey' })
  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId: string | null;
  @ForeignKey('CarePathway', { name: 'clinical_task_pathway_id_fkey' })
  @Column({ name: 'pathway_id', type: 'uuid', nullable: true })
  pathwayId: string | null;
  @ForeignKey('User', { name: 'clinical_task_assignee_user_id_fkey' })
  @Column({ name: 'assignee_user_id', type: 'uuid', nullable: true })
  assigneeUserId: string | null;
  @Column({ name: 'due_on', type: 'date' }) dueOn: string;
  /** What the task asks beyond its kind (an MDT action's description, where to refer on), written by whoever raised it. */
  @Column({ type: 'text', nullable: true }) detail: string | null;
  @Column({ type: 'text', default: 'open' }) status: 'open' | 'completed';
  /** What raised the task (e.g. 'delay-review:<delay id>'), so a retried job or scan never raises it twice. */
  @Column({ name: 'source_key', type: 'text' }) sourceKey: string;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @ForeignKey('User', { name: 'clinical_task_completed_by_user_id_fkey' })
  @Column({ name: 'completed_by_user_id', type: 'uuid', nullable: true })
  completedByUserId: string | null;
  @Column({ type: 'int', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
