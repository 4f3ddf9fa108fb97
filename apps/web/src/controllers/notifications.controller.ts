import { Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { UuidParam } from '@carepath/common';
import { NotificationsService } from '@carepath/notifications';
import { text } from '../forms';
import { WebPages } from '../web-pages.decorator';
import { redirect, render } from '../web-response';

/** The signed-in user's notifications, newest first; each unread one can be marked as read. */
@WebPages()
@Controller('notifications')
export class NotificationsPagesController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Authenticated({ action: 'read', subject: 'Notification' })
  async list(@CurrentActor() actor: Actor, @Res() res: Response, @Query('cursor') cursor?: string): Promise<void> {
    const page = await this.notifications.list(actor, { cursor: text(cursor) });
    await render(res, 'notifications/index', { title: 'Notifications', notifications: page.items, nextCursor: page.nextCursor });
  }

  @Post(':id/read')
  @Authenticated({ action: 'update', subject: 'Notification' })
  async markRead(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    await this.notifications.markRead(actor, id);
    redirect(res, '/notifications', 'Notification marked as read');
  }
}
