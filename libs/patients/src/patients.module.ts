import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AbilityFactory } from '@carepath/auth';
import { Consent } from './consent.entity';
import { ConsentsService } from './consents.service';
import { Patient } from './patient.entity';
import { PatientsController } from './patients.controller';
import { patientsPolicy } from './patients.policy';
import { PatientsService } from './patients.service';

@Module({
  imports: [TypeOrmModule.forFeature([Patient, Consent])],
  controllers: [PatientsController],
  providers: [PatientsService, ConsentsService],
  exports: [PatientsService, ConsentsService],
})
export class PatientsModule {
  constructor(abilities: AbilityFactory) {
    abilities.register(patientsPolicy, { Patient: { patientData: true }, Consent: { patientData: true } });
  }
}
