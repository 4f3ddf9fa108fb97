import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Consent to share with a named VCS organisation; active until withdrawn. */
@Entity('consent')
export class Consent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  purpose: string;

  @Column({ name: 'given_at', type: 'timestamptz' })
  givenAt: Date;

  @Column({ name: 'given_by_user_id', type: 'uuid' })
  givenByUserId: string;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ name: 'withdrawn_by_user_id', type: 'uuid', nullable: true })
  withdrawnByUserId: string | null;

  @Column({ type: 'int' })
  version: number;
}
