import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** What a pain service prints at the top of its letters (the organisation record holds no address). */
@Entity('letter_letterhead')
export class Letterhead {
  @ForeignKey('Organisation', { name: 'letter_letterhead_service_id_fkey' })
  @PrimaryColumn({ name: 'service_id', type: 'uuid' })
  serviceId: string;
  /** Postal address, one line per line. */
  @Column({ type: 'text', array: true }) address: string[];
  @Column({ type: 'text', nullable: true }) telephone: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
