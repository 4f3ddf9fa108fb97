import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { MeetingStatus } from './mdt.rules';

/** A multidisciplinary team meeting of one pain service, on one day at one site. */
@Entity('mdt_meeting')
@Check('mdt_meeting_status_check', `status IN ('planned', 'in-progress', 'closed')`)
@Index('mdt_meeting_service_idx', ['serviceId', 'meetingOn'])
export class MdtMeeting {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey('Organisation', { name: 'mdt_meeting_service_id_fkey' })
  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;
  @Column({ name: 'meeting_on', type: 'date' }) meetingOn: string;
  @Column({ type: 'text' }) site: string;
  @Column({ type: 'text', default: 'planned' }) status: MeetingStatus;
  @ForeignKey('User', { name: 'mdt_meeting_created_by_user_id_fkey' })
  @Column({ name: 'created_by_user_id', type: 'uuid' })
  createdByUserId: string;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ type: 'int', default: 1 }) version: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
