import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQuery } from '@carepath/common';

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only unread notifications' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class NotificationResponse {
  @ApiProperty() id: string;
  @ApiProperty() type: string;
  @ApiProperty() message: string;
  @ApiProperty({ nullable: true, type: String }) entityType: string | null;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ nullable: true, type: String }) patientId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) readAt: string | null;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationResponse] }) items: NotificationResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ description: 'How many of your notifications are unread' }) unreadCount: number;
}
