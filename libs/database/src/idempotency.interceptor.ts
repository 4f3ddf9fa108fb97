import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { catchError, concatMap, from, Observable, of, switchMap } from 'rxjs';
import { LessThanOrEqual, Repository } from 'typeorm';
import { Clock } from '@carepath/common';
import { DatabaseError, DatabaseErrorCode } from './database.errors';
import { IdempotencyKey } from './idempotency-key.entity';
import { IDEMPOTENCY_KEY_TTL_MS, isValidIdempotencyKey, requestFingerprint } from './idempotency.rules';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT } from './idempotent.decorator';

interface StoredResponse {
  status: number;
  body: unknown;
}

type MaybeAuthenticatedRequest = Request & { actor?: { userId: string } };

/** Replays the stored response of a create request sent again with the same Idempotency-Key. */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly clock: Clock,
    @InjectRepository(IdempotencyKey) private readonly keys: Repository<IdempotencyKey>,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || !this.reflector.get<boolean>(IDEMPOTENT, context.getHandler())) return next.handle();
    const req = context.switchToHttp().getRequest<MaybeAuthenticatedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
    const userId = req.actor?.userId;
    if (key === undefined || !userId) return next.handle();
    if (typeof key !== 'string' || !isValidIdempotencyKey(key)) {
      throw new DatabaseError(DatabaseErrorCode.IdempotencyKeyInvalid, 'Idempotency-Key must be 1 to 255 visible ASCII characters');
    }
    const fingerprint = requestFingerprint(req.method, req.originalUrl, req.body);
    return from(this.claim(userId, key, fingerprint)).pipe(
      switchMap((stored) => {
        if (stored) {
          res.status(stored.status).setHeader('Idempotent-Replayed', 'true');
          return of(stored.body);
        }
        return next.handle().pipe(
          concatMap(async (body: unknown) => {
            const json = body === undefined ? null : (JSON.parse(JSON.stringify(body)) as object);
            await this.keys.update({ userId, key }, { responseStatus: res.statusCode, responseBody: json, completedAt: this.clock.now() });
            return body;
          }),
          catchError(async (error: unknown) => {
            // A refused or failed request is not remembered: the client may correct it and send it again.
            await this.keys.delete({ userId, key });
            throw error;
          }),
        );
      }),
    );
  }

  /** Claims the key for this request (null), or answers with the stored response, or refuses. */
  private async claim(userId: string, key: string, fingerprint: string): Promise<StoredResponse | null> {
    const now = this.clock.now();
    await this.keys.delete({ createdAt: LessThanOrEqual(new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS)) });
    const claimed: unknown[] = await this.keys.query(
      `INSERT INTO idempotency_key (user_id, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
      [userId, key, fingerprint, now],
    );
    if (claimed.length > 0) return null;
    const first = await this.keys.findOneBy({ userId, key });
    if (!first) return this.claim(userId, key, fingerprint);
    if (first.requestHash !== fingerprint) {
      throw new DatabaseError(
        DatabaseErrorCode.IdempotencyKeyReused,
        'This Idempotency-Key was used for a different request; send a new key for a new request',
      );
    }
    if (first.responseStatus === null) {
      throw new DatabaseError(
        DatabaseErrorCode.IdempotencyKeyInProgress,
        'A request with this Idempotency-Key is still in progress; retry when it has finished',
      );
    }
    return { status: first.responseStatus, body: first.responseBody };
  }
}
