export * from './clinical-task.entity';
export * from './tasks.service';
export * from './tasks.module';
export * from './dto/tasks.dto';
export * from './tasks.errors';
