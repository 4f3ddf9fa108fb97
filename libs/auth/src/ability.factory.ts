import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { ActorIdentity, AppAbility } from './actor';

export type PolicyDefiner = (actor: ActorIdentity, builder: AbilityBuilder<AppAbility>) => void;

/**
 * Builds one CASL ability per request from the user's role and organisation.
 * Each domain contributes its rules (its `*.policy.ts`) at module start-up;
 * with no matching rule, everything is denied.
 */
@Injectable()
export class AbilityFactory {
  private readonly policies: PolicyDefiner[] = [];

  register(policy: PolicyDefiner): void {
    this.policies.push(policy);
  }

  createFor(actor: ActorIdentity): AppAbility {
    const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
    for (const policy of this.policies) policy(actor, builder);
    return builder.build();
  }
}
