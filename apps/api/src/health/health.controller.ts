import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ApiError, NotReady } from '@carepath/common';
import { Public } from '@carepath/auth';
import { JobData, QUEUE_NAME } from '@carepath/database';

const TIMEOUT_MS = 2000;

async function probe(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS);
      }),
    ]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QUEUE_NAME) private readonly queue: Queue<JobData>,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is running' })
  @Public()
  @ApiOkResponse({ description: 'The process is running', schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database and the queue answer' })
  @Public()
  @ApiOkResponse({
    description: 'Database and queue reachable',
    schema: { example: { status: 'ok', checks: { database: 'up', queue: 'up' } } },
  })
  @ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'Database or queue unreachable')
  async ready(): Promise<{ status: 'ok'; checks: Record<string, 'up' | 'down'> }> {
    const [database, queue] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.queue.getJobCounts('waiting')),
    ]);
    const checks = { database, queue };
    if (database === 'down' || queue === 'down') {
      throw new NotReady({ checks });
    }
    return { status: 'ok', checks };
  }
}
