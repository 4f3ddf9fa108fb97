import { Module } from '@nestjs/common';
import { AbilityFactory } from '@carepath/auth';
import { DirectoryController } from './directory.controller';
import { directoryPolicy } from './directory.policy';
import { DirectoryService } from './directory.service';
import { GazetteerService } from './gazetteer.service';
import { OpenReferralController } from './open-referral.controller';
import { OpenReferralService } from './open-referral.service';

@Module({
  controllers: [DirectoryController, OpenReferralController],
  providers: [DirectoryService, GazetteerService, OpenReferralService],
  exports: [DirectoryService, GazetteerService],
})
export class DirectoryModule {
  constructor(abilities: AbilityFactory) {
    abilities.register(directoryPolicy);
  }
}
