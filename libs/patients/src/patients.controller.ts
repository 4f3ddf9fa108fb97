import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { PageQuery, UuidParam } from '@carepath/common';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { AccessLogPage } from '@carepath/audit';
import { ConsentsService } from './consents.service';
import {
  ConsentList,
  ConsentResponse,
  CreateConsentRequest,
  CreatePatientRequest,
  ListPatientsQuery,
  PatientPage,
  PatientResponse,
  UpdatePatientRequest,
  WithdrawConsentRequest,
} from './dto/patients.dto';
import { PatientsService } from './patients.service';

@ApiTags('patients')
@Controller('patients')
@ApiBadRequestResponse({ description: 'Invalid fields (named in details.fields)' })
export class PatientsController {
  constructor(
    private readonly patients: PatientsService,
    private readonly consents: ConsentsService,
  ) {}

  @Post()
  @Authenticated({ action: 'create', subject: 'Patient' })
  @ApiCreatedResponse({ type: PatientResponse })
  @ApiConflictResponse({ description: 'A patient with this NHS number is already registered (details.patientId)' })
  @ApiUnprocessableEntityResponse({ description: 'Bad NHS number check digit, unknown GP practice, or date of birth in the future' })
  create(@CurrentActor() actor: Actor, @Body() body: CreatePatientRequest): Promise<PatientResponse> {
    return this.patients.create(actor, body);
  }

  @Get()
  @Authenticated({ action: 'read', subject: 'Patient' })
  @ApiOkResponse({ type: PatientPage, description: 'Patients you may see, by family name' })
  list(@CurrentActor() actor: Actor, @Query() query: ListPatientsQuery): Promise<PatientPage> {
    return this.patients.list(actor, query);
  }

  @Get(':id')
  @Authenticated({ action: 'read', subject: 'Patient', patientParam: 'id' })
  @ApiOkResponse({ type: PatientResponse })
  @ApiNotFoundResponse({ description: 'No such patient, or not one you may see' })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<PatientResponse> {
    return this.patients.get(actor, id);
  }

  @Patch(':id')
  @Authenticated({ action: 'update', subject: 'Patient', patientParam: 'id' })
  @ApiOkResponse({ type: PatientResponse })
  @ApiNotFoundResponse({ description: 'No such patient, or not one you may change' })
  @ApiConflictResponse({ description: 'Stale version' })
  @ApiUnprocessableEntityResponse({ description: 'Unknown GP practice or date of birth in the future' })
  update(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: UpdatePatientRequest): Promise<PatientResponse> {
    return this.patients.update(actor, id, body);
  }

  @Get(':id/access-log')
  @Authenticated({ action: 'read', subject: 'AuditEvent', patientParam: 'id' })
  @ApiOkResponse({ type: AccessLogPage, description: 'Everyone who accessed this record, newest first' })
  @ApiNotFoundResponse({ description: 'No such patient, or not one you may see' })
  accessLog(@CurrentActor() actor: Actor, @UuidParam() id: string, @Query() query: PageQuery): Promise<AccessLogPage> {
    return this.patients.accessLog(actor, id, query.limit ?? 50, query.cursor);
  }

  @Get(':id/consents')
  @Authenticated({ action: 'read', subject: 'Consent', patientParam: 'id' })
  @ApiOkResponse({ type: ConsentList })
  @ApiNotFoundResponse({ description: 'No such patient, or not one you may see' })
  listConsents(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<ConsentList> {
    return this.consents.list(actor, id);
  }

  @Post(':id/consents')
  @Authenticated({ action: 'create', subject: 'Consent', patientParam: 'id' })
  @ApiCreatedResponse({ type: ConsentResponse })
  @ApiNotFoundResponse({ description: 'No such patient, or not one you may change' })
  @ApiConflictResponse({ description: 'An active consent for this organisation already exists' })
  @ApiUnprocessableEntityResponse({ description: 'organisationId is not a VCS organisation' })
  giveConsent(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: CreateConsentRequest): Promise<ConsentResponse> {
    return this.consents.give(actor, id, body);
  }

  @Post(':id/consents/:consentId/withdraw')
  @Authenticated({ action: 'update', subject: 'Consent', patientParam: 'id' })
  @HttpCode(200)
  @ApiOkResponse({ type: ConsentResponse })
  @ApiNotFoundResponse({ description: 'No such consent for this patient' })
  @ApiConflictResponse({ description: 'Stale version or already withdrawn' })
  withdrawConsent(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @UuidParam('consentId') consentId: string,
    @Body() body: WithdrawConsentRequest,
  ): Promise<ConsentResponse> {
    return this.consents.withdraw(actor, id, consentId, body);
  }
}
