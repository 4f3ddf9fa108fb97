import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CapacityStatus, Category, Day } from './directory.rules';

/** A community (VCS) service that patients can be handed off to, with where and when it runs. */
@Entity('directory_service')
@Check('directory_service_capacity_status_check', `capacity_status IN ('open', 'waitlist', 'full')`)
// Radius search: a GiST index on point(longitude, latitude) serves the bounding box; the exact distance is computed on that box only.
@Index('directory_service_location_idx', { synchronize: false })
@Index('directory_service_categories_idx', ['categories'], { type: 'gin' })
@Index('directory_service_organisation_idx', ['organisationId'])
export class DirectoryService {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey('Organisation', { name: 'directory_service_organisation_id_fkey' })
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'text', array: true }) categories: Category[];
  @Column({ type: 'text' }) address: string;
  @Column({ type: 'text' }) postcode: string;
  @Column({ type: 'double precision' }) latitude: number;
  @Column({ type: 'double precision' }) longitude: number;
  /** Located at its outcode's centroid because the full postcode is not in the gazetteer. */
  @Column({ name: 'location_approximate', type: 'boolean', default: false }) locationApproximate: boolean;
  @Column({ name: 'schedule_rrule', type: 'text', nullable: true }) scheduleRrule: string | null;
  @Column({ name: 'schedule_text', type: 'text', nullable: true }) scheduleText: string | null;
  @Column({ type: 'text', array: true, default: [] }) days: Day[];
  @Column({ name: 'valid_from', type: 'date', nullable: true }) validFrom: string | null;
  @Column({ name: 'valid_to', type: 'date', nullable: true }) validTo: string | null;
  @Column({ type: 'text', nullable: true }) cost: string | null;
  @Column({ type: 'text', nullable: true }) accessibility: string | null;
  @Column({ name: 'capacity_status', type: 'text' }) capacityStatus: CapacityStatus;
  @Column({ name: 'contact_name', type: 'text', nullable: true }) contactName: string | null;
  @Column({ name: 'contact_email', type: 'text', nullable: true }) contactEmail: string | null;
  @Column({ name: 'contact_phone', type: 'text', nullable: true }) contactPhone: string | null;
  @Column({ type: 'text', nullable: true }) url: string | null;
  @Column({ type: 'int', default: 1 }) version: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
