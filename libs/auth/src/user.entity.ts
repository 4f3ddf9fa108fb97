import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Organisation } from './organisation.entity';
import type { Discipline, Role } from './roles';

@Entity('app_user')
@Check('app_user_role_check', `role IN ('admin', 'clinician', 'social_prescriber', 'gp', 'service_manager')`)
@Check('app_user_clinician_has_discipline', `role <> 'clinician' OR discipline IS NOT NULL`)
// Sign-in matches e-mail addresses case-insensitively: unique on lower(email), and listed by organisation on (organisation_id, lower(email)).
@Index('app_user_email_key', { synchronize: false })
@Index('app_user_organisation_idx', { synchronize: false })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => Organisation, { name: 'app_user_organisation_id_fkey' })
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ type: 'text', nullable: true })
  discipline: Discipline | null;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
