export * from './directory.rules';
export * from './directory.service';
export * from './gazetteer.service';
export * from './postcode-import';
export * from './directory.module';
export * from './dto/directory.dto';
export * from './directory.errors';
