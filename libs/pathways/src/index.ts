export * from './outcome-measures.rules';
export * from './pathway.rules';
export * from './pathways.events';
export * from './pathways.service';
export * from './outcomes.service';
export * from './pathways.module';
export * from './dto/pathways.dto';
export * from './pathways.errors';
