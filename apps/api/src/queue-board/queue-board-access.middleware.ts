import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import passport from 'passport';
import { Forbidden, Unauthenticated } from '@carepath/common';
import type { ActorIdentity } from '@carepath/auth';

/**
 * The queue board is Express middleware, outside the global guard, so it checks access itself: the same bearer
 * token and session check as every API route (the `jwt` strategy), and only admins of a pain service, who answer for
 * failed deliveries. Job data holds ids only, but a refused or retried job is still the service's business.
 */
@Injectable()
export class QueueBoardAccess implements NestMiddleware {
  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    const identity = await new Promise<ActorIdentity | false>((resolve, reject) => {
      passport.authenticate('jwt', { session: false }, (error: unknown, user: ActorIdentity | false) =>
        error ? reject(error as Error) : resolve(user),
      )(request, response, next);
    });
    if (!identity) throw new Unauthenticated();
    if (identity.role !== 'admin' || identity.organisationType !== 'pain-service') throw new Forbidden();
    next();
  }
}
