import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { OrganisationType } from './roles';

@Entity('organisation')
@Check('organisation_type_check', `type IN ('pain-service', 'gp-practice', 'vcs')`)
@Check('organisation_practice_has_ods', `type <> 'gp-practice' OR ods_code IS NOT NULL`)
@Index('organisation_ods_code_key', ['odsCode'], { unique: true, where: 'ods_code IS NOT NULL' })
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  type: OrganisationType;

  @Column({ type: 'text' })
  name: string;

  /** ODS code, required for GP practices. */
  @Column({ name: 'ods_code', type: 'text', nullable: true })
  odsCode: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
