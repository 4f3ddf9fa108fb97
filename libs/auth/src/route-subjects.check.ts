import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { AbilityFactory } from './ability.factory';
import { Permission, PERMISSION_KEY } from './authenticated.decorator';

/**
 * Refuses to start an app with a route whose permission names a CASL subject no library registered: such a route
 * would be refused to everyone, and whether a refusal there is audited as patient data would be undecided.
 */
@Injectable()
export class RouteSubjectsCheck implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly abilities: AbilityFactory,
  ) {}

  onApplicationBootstrap(): void {
    const unknown: string[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, () => unknown>;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, [prototype[name], controller]);
        if (permission && !this.abilities.isRegistered(permission.subject)) {
          unknown.push(`${controller.name}.${name} names ${permission.subject}`);
        }
      }
    }
    if (unknown.length > 0) {
      throw new Error(`routes name CASL subjects no library registered: ${unknown.join('; ')}`);
    }
  }
}
