import { Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { MdtMeeting } from './mdt-meeting.entity';

/** A clinician of the service expected at a meeting. */
@Entity('mdt_attendee')
export class MdtAttendee {
  @ForeignKey(() => MdtMeeting, { name: 'mdt_attendee_meeting_id_fkey' })
  @PrimaryColumn({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;
  @ForeignKey('User', { name: 'mdt_attendee_user_id_fkey' })
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;
}
