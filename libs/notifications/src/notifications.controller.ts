import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@carepath/common';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { ListNotificationsQuery, NotificationPage, NotificationResponse } from './dto/notifications.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Authenticated({ action: 'read', subject: 'Notification' })
  @ApiOkResponse({ type: NotificationPage, description: 'Your notifications, newest first, with the unread count' })
  @ApiBadRequestResponse({ description: 'Bad query' })
  list(@CurrentActor() actor: Actor, @Query() query: ListNotificationsQuery): Promise<NotificationPage> {
    return this.notifications.list(actor, query);
  }

  @Post(':id/read')
  @Authenticated({ action: 'update', subject: 'Notification' })
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationResponse })
  @ApiBadRequestResponse({ description: 'id is not a UUID' })
  @ApiNotFoundResponse({ description: 'No such notification of yours' })
  markRead(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<NotificationResponse> {
    return this.notifications.markRead(actor, id);
  }
}
