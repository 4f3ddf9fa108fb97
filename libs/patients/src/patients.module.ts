import { Module } from '@nestjs/common';
import { AbilityFactory } from '@carepath/auth';
import { ConsentsService } from './consents.service';
import { PatientsController } from './patients.controller';
import { patientsPolicy } from './patients.policy';
import { PatientsService } from './patients.service';

@Module({
  controllers: [PatientsController],
  providers: [PatientsService, ConsentsService],
  exports: [PatientsService, ConsentsService],
})
export class PatientsModule {
  constructor(abilities: AbilityFactory) {
    abilities.register(patientsPolicy);
  }
}
