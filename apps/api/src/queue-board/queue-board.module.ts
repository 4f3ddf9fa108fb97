import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule, BullBoardModuleOptions } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { QUEUE_NAME } from '@carepath/database';
import { QueueBoardAccess } from './queue-board-access.middleware';

export const QUEUE_BOARD_ROUTE = '/admin/queues';

// @bull-board/express 9.10.1 brings its own copy of @bull-board/api (9.10.1, the rest are 9.10.2): the same shapes, two type identities.
const expressAdapter = ExpressAdapter as unknown as BullBoardModuleOptions['adapter'];

/** Bull Board at /admin/queues: the job queue's waiting, failed and completed jobs, with retry, for pain-service admins. */
@Module({
  imports: [
    BullBoardModule.forRoot({ route: QUEUE_BOARD_ROUTE, adapter: expressAdapter, middleware: QueueBoardAccess }),
    BullBoardModule.forFeature({ name: QUEUE_NAME, adapter: BullMQAdapter }),
  ],
})
export class QueueBoardModule {}
