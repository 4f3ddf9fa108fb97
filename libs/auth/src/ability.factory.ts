import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { ActorIdentity, AppAbility } from './actor';

export type PolicyDefiner = (actor: ActorIdentity, builder: AbilityBuilder<AppAbility>) => void;

/**
 * Builds one CASL ability per request from the user's role and organisation.
 * Each domain contributes its rules (its `*.policy.ts`) at module start-up;
 * with no matching rule, everything is denied.
 */
const CACHE_SIZE = 1000;

@Injectable()
export class AbilityFactory {
  private readonly policies: PolicyDefiner[] = [];
  /** Rules depend only on who the actor is, so one ability serves every request of the same identity. */
  private readonly cache = new Map<string, AppAbility>();

  register(policy: PolicyDefiner): void {
    this.policies.push(policy);
    this.cache.clear();
  }

  createFor(actor: ActorIdentity): AppAbility {
    const key = `${actor.userId}|${actor.role}|${actor.organisationId}|${actor.organisationType}|${actor.discipline ?? ''}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
    for (const policy of this.policies) policy(actor, builder);
    const ability = builder.build();
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, ability);
    return ability;
  }
}
