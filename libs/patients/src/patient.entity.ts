import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

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
export class Patient {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The pain service that holds this record. */
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

  @Column({ name: 'gp_practice_id', type: 'uuid' })
  gpPracticeId: string;

  @Column({ name: 'communication_format', type: 'text' })
  communicationFormat: CommunicationFormat;

  @Column({ name: 'communication_support', type: 'text', array: true })
  communicationSupport: CommunicationSupport[];

  @Column({ name: 'interpreter_language', type: 'text', nullable: true })
  interpreterLanguage: string | null;

  @Column({ type: 'int' })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
