export * from './referral.entity';
export * from './referral.rules';
export * from './referral-clock.rules';
export * from './referrals.events';
export * from './referrals.service';
export * from './referrals.module';
