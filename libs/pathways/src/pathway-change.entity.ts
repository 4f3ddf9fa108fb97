import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CarePathway } from './care-pathway.entity';
import { PathwayActivity } from './pathway-activity.entity';

/** One change to a pathway or one of its activities, kept with who, when and why. */
@Entity('pathway_change')
@Index('pathway_change_pathway_idx', ['pathwayId', 'seq'])
export class PathwayChange {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS' }) seq: string;
  @ForeignKey(() => CarePathway, { name: 'pathway_change_pathway_id_fkey' })
  @Column({ name: 'pathway_id', type: 'uuid' })
  pathwayId: string;
  @ForeignKey(() => PathwayActivity, { name: 'pathway_change_activity_id_fkey' })
  @Column({ name: 'activity_id', type: 'uuid', nullable: true })
  activityId: string | null;
  @Column({ type: 'text' }) kind: string;
  @Column({ name: 'from_value', type: 'text', nullable: true }) fromValue: string | null;
  @Column({ name: 'to_value', type: 'text', nullable: true }) toValue: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @ForeignKey('User', { name: 'pathway_change_actor_user_id_fkey' })
  @Column({ name: 'actor_user_id', type: 'uuid' })
  actorUserId: string;
  @Column({ name: 'changed_at', type: 'timestamptz' }) changedAt: Date;
}
