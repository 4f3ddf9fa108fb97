import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { ActorIdentity, AppAbility, SubjectType } from './actor';

export type PolicyDefiner = (actor: ActorIdentity, builder: AbilityBuilder<AppAbility>) => void;

/**
 * The CASL subjects a library brings. A refused attempt on a patient-data subject is audited, because the record of
 * who tried to see a patient's data matters as much as the record of who saw it.
 */
export type SubjectDefinitions = Record<SubjectType, { patientData: boolean }>;

const CACHE_SIZE = 1000;

/**
 * Builds one CASL ability per request from the user's role and organisation. Each domain registers its subjects and
 * its rules (its `*.policy.ts`) at module start-up; with no matching rule, everything is denied.
 */
@Injectable()
export class AbilityFactory {
  private readonly policies: PolicyDefiner[] = [];
  private readonly subjects = new Map<SubjectType, { patientData: boolean }>();
  /** Rules depend only on who the actor is, so one ability serves every request of the same identity. */
  private readonly cache = new Map<string, AppAbility>();

  register(policy: PolicyDefiner, subjects: SubjectDefinitions): void {
    for (const [name, definition] of Object.entries(subjects)) {
      if (this.subjects.has(name)) throw new Error(`CASL subject ${name} is registered by two libraries`);
      this.subjects.set(name, definition);
    }
    this.policies.push(policy);
    this.cache.clear();
  }

  isRegistered(subject: SubjectType): boolean {
    return this.subjects.has(subject);
  }

  isPatientData(subject: SubjectType): boolean {
    return this.subjects.get(subject)?.patientData ?? false;
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
