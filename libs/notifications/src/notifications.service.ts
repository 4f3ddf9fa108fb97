import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { Clock, decodeCursor, isIsoTimestamp, isUuid, toPage } from '@carepath/common';
import { Actor } from '@carepath/auth';
import { ListNotificationsQuery, NotificationPage, NotificationResponse } from './dto/notifications.dto';
import { Notification } from './notification.entity';
import { NotificationError, NotificationErrorCode } from './notifications.errors';

export interface NewNotification {
  type: string;
  message: string;
  entityType?: string;
  entityId?: string;
  patientId?: string;
  sourceEventId: string;
}

function toNotificationResponse(n: Notification): NotificationResponse {
  return {
    id: n.id,
    type: n.type,
    message: n.message,
    entityType: n.entityType,
    entityId: n.entityId,
    patientId: n.patientId,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
  };
}

@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: ListNotificationsQuery): Promise<NotificationPage> {
    const limit = query.limit ?? 25;
    const qb = this.notifications
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId: actor.userId })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(limit + 1);
    if (query.unread) qb.andWhere('n.read_at IS NULL');
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor, [isIsoTimestamp, isUuid]);
      qb.andWhere('(n.created_at, n.id) < (:createdAt, :id)', { createdAt, id });
    }
    const [rows, count] = await Promise.all([qb.getMany(), this.unreadCount(actor)]);
    return { ...toPage(rows, limit, (n) => [n.createdAt.toISOString(), n.id], toNotificationResponse), unreadCount: count };
  }

  /** How many of the actor's notifications are unread: one indexed count, cheap enough for every page's header. */
  async unreadCount(actor: Actor): Promise<number> {
    const [{ count }]: { count: number }[] = await this.dataSource.query(
      'SELECT count(*)::int AS count FROM notification WHERE user_id = $1 AND read_at IS NULL',
      [actor.userId],
    );
    return count;
  }

  async markRead(actor: Actor, id: string): Promise<NotificationResponse> {
    const notification = await this.notifications.findOneBy({ id, userId: actor.userId });
    if (!notification) throw new NotificationError(NotificationErrorCode.NotificationNotFound, 'Notification not found');
    if (!notification.readAt) {
      notification.readAt = this.clock.now();
      await this.dataSource.query('UPDATE notification SET read_at = $2 WHERE id = $1 AND read_at IS NULL', [id, notification.readAt]);
    }
    return toNotificationResponse(notification);
  }

  /** Idempotent: one notification per (source event, user), however often a job is retried. */
  async notify(manager: EntityManager, userIds: string[], notification: NewNotification): Promise<number> {
    if (userIds.length === 0) return 0;
    const rows: unknown[] = await manager.query(
      `INSERT INTO notification (user_id, type, message, entity_type, entity_id, patient_id, source_event_id, created_at)
       SELECT u, $2, $3, $4, $5, $6, $7, $8 FROM unnest($1::uuid[]) AS u
       ON CONFLICT (source_event_id, user_id) DO NOTHING
       RETURNING id`,
      [
        userIds,
        notification.type,
        notification.message,
        notification.entityType ?? null,
        notification.entityId ?? null,
        notification.patientId ?? null,
        notification.sourceEventId,
        this.clock.now(),
      ],
    );
    return rows.length;
  }
}
