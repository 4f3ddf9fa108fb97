import { INestApplicationContext } from '@nestjs/common';
import { AbilityFactory, Actor } from '@carepath/auth';
import { DataSource } from 'typeorm';
import type { TestUser } from './factories';

/** A test user as the actor a signed-in request would carry, to set data up through the domain services. */
export async function actorOf(app: INestApplicationContext, user: TestUser): Promise<Actor> {
  const [row]: { type: Actor['organisationType']; discipline: Actor['discipline'] }[] = await app
    .get(DataSource)
    .query('SELECT o.type, u.discipline FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE u.id = $1', [user.id]);
  const identity = {
    userId: user.id,
    role: user.role,
    organisationId: user.organisationId,
    organisationType: row.type,
    discipline: row.discipline,
    sessionId: user.id,
  };
  return { ...identity, ability: app.get(AbilityFactory).createFor(identity), requestId: 'test-setup' };
}
