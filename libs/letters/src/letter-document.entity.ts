import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Letter } from './letter.entity';

export type LetterVariant = 'gp' | 'large-print';

/** A letter's PDF, rendered once at approval and kept with its SHA-256: what is delivered is exactly what was approved. */
@Entity('letter_document')
@Check('letter_document_variant_check', `variant IN ('gp', 'large-print')`)
@Unique('letter_document_letter_variant_key', ['letterId', 'variant'])
export class LetterDocument {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey(() => Letter, { name: 'letter_document_letter_id_fkey' })
  @Column({ name: 'letter_id', type: 'uuid' })
  letterId: string;
  @Column({ type: 'text' }) variant: LetterVariant;
  @Column({ type: 'bytea' }) pdf: Buffer;
  @Column({ type: 'text' }) sha256: string;
  @Column({ name: 'rendered_at', type: 'timestamptz' }) renderedAt: Date;
}
