import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Letter } from './letter.entity';

export const TRANSPORTS = ['gp-inbox', 'mesh-file'] as const;
export type TransportName = (typeof TRANSPORTS)[number];

/** A letter delivered by one transport. Unique per letter and transport, and committed with the effect: exactly once. */
@Entity('letter_delivery')
@Check('letter_delivery_transport_check', `transport IN ('gp-inbox', 'mesh-file')`)
@Unique('letter_delivery_letter_transport_key', ['letterId', 'transport'])
export class LetterDelivery {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey(() => Letter, { name: 'letter_delivery_letter_id_fkey' })
  @Column({ name: 'letter_id', type: 'uuid' })
  letterId: string;
  @Column({ type: 'text' }) transport: TransportName;
  /** Where it went (the file name in the outbox folder), if the transport has such a thing. */
  @Column({ type: 'text', nullable: true }) reference: string | null;
  @Column({ name: 'delivered_at', type: 'timestamptz' }) deliveredAt: Date;
}
