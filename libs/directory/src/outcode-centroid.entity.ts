import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The mean location of an outcode's live postcodes, used when a full postcode is not known. */
@Entity('outcode_centroid')
export class OutcodeCentroid {
  @PrimaryColumn({ type: 'text' }) outcode: string;
  @Column({ type: 'double precision' }) latitude: number;
  @Column({ type: 'double precision' }) longitude: number;
  /** How many postcodes the centroid was computed from. */
  @Column({ type: 'int' }) postcodes: number;
}
