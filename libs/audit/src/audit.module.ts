import { Global, Module } from '@nestjs/common';
import { AbilityFactory, RouteDenialRecorder } from '@carepath/auth';
import { auditPolicy } from './audit.policy';
import { AuditService } from './audit.service';

@Global()
@Module({
  providers: [AuditService, { provide: RouteDenialRecorder, useExisting: AuditService }],
  exports: [AuditService, RouteDenialRecorder],
})
export class AuditModule {
  constructor(abilities: AbilityFactory) {
    abilities.register(auditPolicy);
  }
}
