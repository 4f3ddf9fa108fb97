import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AbilityFactory } from '@carepath/auth';
import { DirectoryService as DirectoryServiceEntity } from './directory-service.entity';
import { DirectoryController } from './directory.controller';
import { directoryPolicy } from './directory.policy';
import { DirectoryService } from './directory.service';
import { GazetteerService } from './gazetteer.service';
import { OpenReferralController } from './open-referral.controller';
import { OpenReferralService } from './open-referral.service';
import { OutcodeCentroid } from './outcode-centroid.entity';
import { Postcode } from './postcode.entity';

@Module({
  imports: [TypeOrmModule.forFeature([DirectoryServiceEntity, Postcode, OutcodeCentroid])],
  controllers: [DirectoryController, OpenReferralController],
  providers: [DirectoryService, GazetteerService, OpenReferralService],
  exports: [DirectoryService, GazetteerService],
})
export class DirectoryModule {
  constructor(abilities: AbilityFactory) {
    abilities.register(directoryPolicy, { DirectoryService: { patientData: false } });
  }
}
