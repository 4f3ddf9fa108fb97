import { ApiProperty } from '@nestjs/swagger';

export class AccessLogEntry {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorName: string | null;
  @ApiProperty({ nullable: true, type: String }) actorRole: string | null;
  @ApiProperty({ nullable: true, type: String }) actorOrganisationId: string | null;
  @ApiProperty() entityType: string;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty() action: string;
  @ApiProperty({ enum: ['allowed', 'denied'] }) outcome: 'allowed' | 'denied';
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
}

export class AccessLogPage {
  @ApiProperty({ type: [AccessLogEntry] }) items: AccessLogEntry[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
