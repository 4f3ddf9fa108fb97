import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

export const COMMUNICATION_FORMATS = ['standard', 'large-print', 'easy-read', 'braille', 'audio', 'email'] as const;
export type CommunicationFormat = (typeof COMMUNICATION_FORMATS)[number];

/** Accessible Information Standard communication support. */
export const COMMUNICATION_SUPPORT = [
  'bsl-interpreter',
  'deafblind-manual',
  'deafblind-hands-on-signing',
  'advocate',
  'lip-speaker',
  'speech-to-text-reporter',
  'hearing-loop',
  'sign-supported-english',
  'makaton',
  'longer-appointment',
] as const;
export type CommunicationSupport = (typeof COMMUNICATION_SUPPORT)[number];

@Entity('patient')
@Check('patient_nhs_number_check', `nhs_number ~ '^[0-9]{10}$'`)
@Unique('patient_service_nhs_number_key', ['serviceId', 'nhsNumber'])
// Patient lists sort by name case-insensitively: (service_id | gp_practice_id, lower(family_name), lower(given_name), id).
@Index('patient_service_name_idx', { synchronize: false })
@Index('patient_practice_name_idx', { synchronize: false })
@Index('patient_nhs_number_idx', ['nhsNumber'])
export class Patient {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The pain service that holds this record. */
  @ForeignKey('Organisation', { name: 'patient_service_id_fkey' })
  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;

  @Column({ name: 'nhs_number', type: 'char', length: 10 })
  nhsNumber: string;

  @Column({ name: 'given_name', type: 'text' })
  givenName: string;

  @Column({ name: 'family_name', type: 'text' })
  familyName: string;

  @Column({ name: 'date_of_birth', type: 'date' })
  dateOfBirth: string;

  @Column({ type: 'text' })
  postcode: string;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @ForeignKey('Organisation', { name: 'patient_gp_practice_id_fkey' })
  @Column({ name: 'gp_practice_id', type: 'uuid' })
  gpPracticeId: string;

  @Column({ name: 'communication_format', type: 'text', default: 'standard' })
  communicationFormat: CommunicationFormat;

  @Column({ name: 'communication_support', type: 'text', array: true, default: [] })
  communicationSupport: CommunicationSupport[];

  @Column({ name: 'interpreter_language', type: 'text', nullable: true })
  interpreterLanguage: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
