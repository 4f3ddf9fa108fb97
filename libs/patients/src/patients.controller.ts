import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError, PageQuery, UuidParam } from '@carepath/common';
import { Idempotent } from '@carepath/database';
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
@ApiError(HttpStatus.BAD_REQUEST, 'Invalid fields (named in details.fields)')
export class PatientsController {
  constructor(
    private readonly patients: PatientsService,
    private readonly consents: ConsentsService,
  ) {}

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Register a patient' })
  @Authenticated({ action: 'create', subject: 'Patient' })
  @ApiCreatedResponse({ type: PatientResponse })
  @ApiError(HttpStatus.CONFLICT, 'A patient with this NHS number is already registered (details.patientId)')
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'Bad NHS number check digit, unknown GP practice, or date of birth in the future')
  create(@CurrentActor() actor: Actor, @Body() body: CreatePatientRequest): Promise<PatientResponse> {
    return this.patients.create(actor, body);
  }

  @Get()
  @ApiOperation({ summary: 'Search the patients you may see' })
  @Authenticated({ action: 'read', subject: 'Patient' })
  @ApiOkResponse({ type: PatientPage, description: 'Patients you may see, by family name' })
  list(@CurrentActor() actor: Actor, @Query() query: ListPatientsQuery): Promise<PatientPage> {
    return this.patients.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One patient' })
  @Authenticated({ action: 'read', subject: 'Patient', patientParam: 'id' })
  @ApiOkResponse({ type: PatientResponse })
  @ApiError(HttpStatus.NOT_FOUND, 'No such patient, or not one you may see')
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<PatientResponse> {
    return this.patients.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a patient's details" })
  @Authenticated({ action: 'update', subject: 'Patient', patientParam: 'id' })
  @ApiOkResponse({ type: PatientResponse })
  @ApiError(HttpStatus.NOT_FOUND, 'No such patient, or not one you may change')
  @ApiError(HttpStatus.CONFLICT, 'Stale version')
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'Unknown GP practice or date of birth in the future')
  update(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: UpdatePatientRequest): Promise<PatientResponse> {
    return this.patients.update(actor, id, body);
  }

  @Get(':id/access-log')
  @ApiOperation({ summary: "Who accessed a patient's record" })
  @Authenticated({ action: 'read', subject: 'AuditEvent', patientParam: 'id' })
  @ApiOkResponse({ type: AccessLogPage, description: 'Everyone who accessed this record, newest first' })
  @ApiError(HttpStatus.NOT_FOUND, 'No such patient, or not one you may see')
  accessLog(@CurrentActor() actor: Actor, @UuidParam() id: string, @Query() query: PageQuery): Promise<AccessLogPage> {
    return this.patients.accessLog(actor, id, query.limit ?? 50, query.cursor);
  }

  @Get(':id/consents')
  @ApiOperation({ summary: "A patient's consents to share with community organisations" })
  @Authenticated({ action: 'read', subject: 'Consent', patientParam: 'id' })
  @ApiOkResponse({ type: ConsentList })
  @ApiError(HttpStatus.NOT_FOUND, 'No such patient, or not one you may see')
  listConsents(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<ConsentList> {
    return this.consents.list(actor, id);
  }

  @Post(':id/consents')
  @Idempotent()
  @ApiOperation({ summary: 'Record consent to share with a community organisation' })
  @Authenticated({ action: 'create', subject: 'Consent', patientParam: 'id' })
  @ApiCreatedResponse({ type: ConsentResponse })
  @ApiError(HttpStatus.NOT_FOUND, 'No such patient, or not one you may change')
  @ApiError(HttpStatus.CONFLICT, 'An active consent for this organisation already exists')
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'organisationId is not a VCS organisation')
  giveConsent(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: CreateConsentRequest): Promise<ConsentResponse> {
    return this.consents.give(actor, id, body);
  }

  @Post(':id/consents/:consentId/withdraw')
  @ApiOperation({ summary: 'Withdraw a consent' })
  @Authenticated({ action: 'update', subject: 'Consent', patientParam: 'id' })
  @HttpCode(200)
  @ApiOkResponse({ type: ConsentResponse })
  @ApiError(HttpStatus.NOT_FOUND, 'No such consent for this patient')
  @ApiError(HttpStatus.CONFLICT, 'Stale version or already withdrawn')
  withdrawConsent(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @UuidParam('consentId') consentId: string,
    @Body() body: WithdrawConsentRequest,
  ): Promise<ConsentResponse> {
    return this.consents.withdraw(actor, id, consentId, body);
  }
}
