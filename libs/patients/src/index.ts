export * from './patient.entity';
export * from './consent.entity';
export * from './patients.rules';
export * from './patients.events';
export * from './patients.service';
export * from './consents.service';
export * from './patients.module';
export * from './dto/patients.dto';
