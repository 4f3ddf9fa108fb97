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
  controllers: [DirectoryController],
  providers: [DirectoryService, GazetteerService],
  exports: [DirectoryService, GazetteerService],
})
export class DirectoryModule {
  constructor(abilities: AbilityFactory) {
    abilities.register(directoryPolicy, { DirectoryService: { patientData: false } });
  }
}

/**
 * Open Referral UK is a published standard with its own paths: the API process mounts it at /openreferral, outside
 * the API's prefix (apps/api app.module.ts).
 */
@Module({
  imports: [DirectoryModule],
  controllers: [OpenReferralController],
  providers: [OpenReferralService],
})
export class OpenReferralModule {}
