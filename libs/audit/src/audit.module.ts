import { Global, Module } from '@nestjs/common';
import { AbilityFactory } from '@carepath/auth';
import { auditPolicy } from './audit.policy';
import { AuditService } from './audit.service';

@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {
  constructor(abilities: AbilityFactory) {
    abilities.register(auditPolicy);
  }
}
