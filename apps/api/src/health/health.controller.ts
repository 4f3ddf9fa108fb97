import { Controller, Get, HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError, NotReady } from '@carepath/common';
import { Public } from '@carepath/auth';
import { QueueHealthIndicator } from './queue.health';

const TIMEOUT_MS = 2000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queue: QueueHealthIndicator,
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
    const result = await this.health
      .check([() => this.database.pingCheck('database', { timeout: TIMEOUT_MS }), () => this.queue.check('queue', TIMEOUT_MS)])
      .catch((error: unknown) => {
        if (error instanceof ServiceUnavailableException) return error.getResponse() as HealthCheckResult;
        throw error;
      });
    const checks = Object.fromEntries(
      Object.entries(result.details).map(([name, detail]) => [name, detail.status === 'up' ? ('up' as const) : ('down' as const)]),
    );
    if (result.status !== 'ok') throw new NotReady({ checks });
    return { status: 'ok', checks };
  }
}
