import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AbilityFactory } from '@carepath/auth';
import { PatientsModule } from '@carepath/patients';
import { ClinicalTask } from './clinical-task.entity';
import { TasksController } from './tasks.controller';
import { tasksPolicy } from './tasks.policy';
import { TasksService } from './tasks.service';

@Module({
  imports: [TypeOrmModule.forFeature([ClinicalTask]), PatientsModule],
  controllers: [TasksController],
  providers: [TasksService],
  exports: [TasksService],
})
export class TasksModule {
  constructor(abilities: AbilityFactory) {
    abilities.register(tasksPolicy, { Task: { patientData: true } });
  }
}
