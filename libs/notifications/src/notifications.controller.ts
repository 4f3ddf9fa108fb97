import { Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError, UuidParam } from '@carepath/common';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { ListNotificationsQuery, NotificationPage, NotificationResponse } from './dto/notifications.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'Your notifications' })
  @Authenticated({ action: 'read', subject: 'Notification' })
  @ApiOkResponse({ type: NotificationPage, description: 'Your notifications, newest first, with the unread count' })
  @ApiError(HttpStatus.BAD_REQUEST, 'Bad query')
  list(@CurrentActor() actor: Actor, @Query() query: ListNotificationsQuery): Promise<NotificationPage> {
    return this.notifications.list(actor, query);
  }

  @Post(':id/read')
  @ApiOperation({ summary: 'Mark a notification as read' })
  @Authenticated({ action: 'update', subject: 'Notification' })
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationResponse })
  @ApiError(HttpStatus.BAD_REQUEST, 'id is not a UUID')
  @ApiError(HttpStatus.NOT_FOUND, 'No such notification of yours')
  markRead(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<NotificationResponse> {
    return this.notifications.markRead(actor, id);
  }
}
