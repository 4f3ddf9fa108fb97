import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AbilityFactory, Actor, ActorIdentity } from '@carepath/auth';

/** The demo seed acts as a real user of the demo service, so its records carry a real actor and audit trail. */
export async function actorFor(app: INestApplicationContext, email: string): Promise<Actor> {
  const [row]: {
    id: string;
    role: ActorIdentity['role'];
    organisation_id: string;
    type: ActorIdentity['organisationType'];
    discipline: ActorIdentity['discipline'];
  }[] = await app
    .get(DataSource)
    .query(
      'SELECT u.id, u.role, u.organisation_id, o.type, u.discipline FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE u.email = $1',
      [email],
    );
  const identity: ActorIdentity = {
    userId: row.id,
    role: row.role,
    organisationId: row.organisation_id,
    organisationType: row.type,
    discipline: row.discipline,
    sessionId: row.id,
  };
  return { ...identity, ability: app.get(AbilityFactory).createFor(identity), requestId: 'demo-seed' };
}
