import { Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '@carepath/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import Redis from 'ioredis';

// One atomic step per attempt: count it in a window of `ttl` ms; past `limit`, block for `block` ms.
const INCREMENT = `
local blockedFor = redis.call('PTTL', KEYS[2])
if blockedFor > 0 then
  return { tonumber(redis.call('GET', KEYS[1]) or '0'), math.max(redis.call('PTTL', KEYS[1]), 0), 1, blockedFor }
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local expiresIn = redis.call('PTTL', KEYS[1])
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return { hits, expiresIn, 1, tonumber(ARGV[3]) }
end
return { hits, expiresIn, 0, 0 }
`;

/**
 * Throttling counts kept in Redis, so a limit holds across every API process that shares it. While Redis cannot be
 * reached, this process counts in memory instead: sign-in keeps working and stays throttled, if only per process.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly fallback = new ThrottlerStorageService();

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.redis.on('error', () => undefined);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}:throttle:${throttlerName}:${key}`;
    let counted: number[];
    try {
      counted = (await this.redis.eval(INCREMENT, 2, `${base}:hits`, `${base}:blocked`, ttl, limit, blockDuration)) as number[];
    } catch {
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
    const [totalHits, expiresInMs, blocked, blockMs] = counted;
    return {
      totalHits,
      timeToExpire: Math.ceil(expiresInMs / 1000),
      isBlocked: blocked === 1,
      timeToBlockExpire: Math.ceil(blockMs / 1000),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.fallback.onApplicationShutdown();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** The Redis storage when REDIS_URL is set (null otherwise: each process counts in memory), closed with the app. */
@Module({
  providers: [
    {
      provide: RedisThrottlerStorage,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => (config.redisUrl ? new RedisThrottlerStorage(config.redisUrl, config.queuePrefix) : null),
    },
  ],
  exports: [RedisThrottlerStorage],
})
export class ThrottlerStorageModule {}
