import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A live postcode from the ONS Postcode Directory (ONSPD) and its location. */
@Entity('postcode')
@Index('postcode_outcode_idx', ['outcode'])
export class Postcode {
  @PrimaryColumn({ type: 'text' }) postcode: string;
  @Column({ type: 'text' }) outcode: string;
  @Column({ type: 'double precision' }) latitude: number;
  @Column({ type: 'double precision' }) longitude: number;
  @Column({ type: 'text', default: 'onspd' }) source: string;
}
