import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AbilityFactory, RouteDenialRecorder } from '@carepath/auth';
import { AuditEvent } from './audit-event.entity';
import { auditPolicy } from './audit.policy';
import { AuditService } from './audit.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent])],
  providers: [AuditService, { provide: RouteDenialRecorder, useExisting: AuditService }],
  exports: [AuditService, RouteDenialRecorder],
})
export class AuditModule {
  constructor(abilities: AbilityFactory) {
    abilities.register(auditPolicy, { AuditEvent: { patientData: true } });
  }
}
