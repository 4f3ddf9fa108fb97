import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError, UuidParam } from '@carepath/common';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { Idempotent } from '@carepath/database';
import {
  CreateLetterRequest,
  LetterheadRequest,
  LetterheadResponse,
  LetterPage,
  LetterResponse,
  LettersDueQuery,
  LettersDueResponse,
  LetterVersionRequest,
  ListLettersQuery,
  UpdateLetterRequest,
  WithdrawLetterRequest,
} from './dto/letters.dto';
import { LetterPdfQuery } from './dto/pdf.dto';
import { LettersService } from './letters.service';

@ApiTags('letters')
@Controller()
@ApiError(HttpStatus.BAD_REQUEST, 'Invalid fields (an unknown kind, a heading over its length limit)')
export class LettersController {
  constructor(private readonly letters: LettersService) {}

  @Post('letters')
  @Idempotent()
  @ApiOperation({ summary: 'Draft a letter to the GP about a referral, composed from the record' })
  @Authenticated({ action: 'create', subject: 'Letter' })
  @ApiCreatedResponse({ type: LetterResponse })
  @ApiError(HttpStatus.NOT_FOUND, 'No such referral, or not one of your service')
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'The patient has no GP practice to write to')
  create(@CurrentActor() actor: Actor, @Body() body: CreateLetterRequest): Promise<LetterResponse> {
    return this.letters.create(actor, body);
  }

  @Get('letters')
  @ApiOperation({ summary: "List letters (a service's, or a GP practice's delivered ones), newest first" })
  @Authenticated({ action: 'read', subject: 'Letter' })
  @ApiOkResponse({ type: LetterPage })
  list(@CurrentActor() actor: Actor, @Query() query: ListLettersQuery): Promise<LetterPage> {
    return this.letters.list(actor, query);
  }

  @Get('letters/due')
  @ApiOperation({ summary: 'Letters due on a referral: attended assessments with no letter approved since' })
  @Authenticated({ action: 'read', subject: 'Letter' })
  @ApiOkResponse({ type: LettersDueResponse })
  @ApiError(HttpStatus.NOT_FOUND, 'No such referral, or not one of your service')
  due(@CurrentActor() actor: Actor, @Query() query: LettersDueQuery): Promise<LettersDueResponse> {
    return this.letters.due(actor, query.referralId);
  }

  @Put('letters/letterhead')
  @ApiOperation({ summary: "Set the service's letterhead (address and telephone) printed on its letters" })
  @Authenticated({ action: 'update', subject: 'Letterhead' })
  @ApiOkResponse({ type: LetterheadResponse })
  letterhead(@CurrentActor() actor: Actor, @Body() body: LetterheadRequest): Promise<LetterheadResponse> {
    return this.letters.putLetterhead(actor, body);
  }

  @Get('letters/:id')
  @ApiOperation({ summary: 'One letter with its content, status history and deliveries' })
  @Authenticated({ action: 'read', subject: 'Letter' })
  @ApiOkResponse({ type: LetterResponse })
  @ApiError(HttpStatus.NOT_FOUND, 'No such letter, or not yours')
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<LetterResponse> {
    return this.letters.get(actor, id);
  }

  @Patch('letters/:id')
  @ApiOperation({ summary: "Write a draft's narrative headings" })
  @Authenticated({ action: 'update', subject: 'Letter' })
  @ApiOkResponse({ type: LetterResponse })
  @ApiError(HttpStatus.NOT_FOUND, 'No such letter, or not yours')
  @ApiError(HttpStatus.CONFLICT, 'Stale version, or the letter is no longer a draft')
  update(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: UpdateLetterRequest): Promise<LetterResponse> {
    return this.letters.update(actor, id, body);
  }

  @Post('letters/:id/approve')
  @ApiOperation({ summary: 'Approve a draft: freezes its content, renders the PDF once and queues it for delivery' })
  @Authenticated({ action: 'approve', subject: 'Letter' })
  @HttpCode(200)
  @ApiOkResponse({ type: LetterResponse })
  @ApiError(HttpStatus.NOT_FOUND, 'No such letter, or not yours')
  @ApiError(HttpStatus.CONFLICT, 'Stale version, or the letter is not a draft')
  approve(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: LetterVersionRequest): Promise<LetterResponse> {
    return this.letters.approve(actor, id, body);
  }

  @Post('letters/:id/withdraw')
  @ApiOperation({ summary: 'Withdraw a draft that should not be sent, with the reason' })
  @Authenticated({ action: 'update', subject: 'Letter' })
  @HttpCode(200)
  @ApiOkResponse({ type: LetterResponse })
  @ApiError(HttpStatus.NOT_FOUND, 'No such letter, or not yours')
  @ApiError(HttpStatus.CONFLICT, 'Stale version, or the letter is not a draft')
  withdraw(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: WithdrawLetterRequest): Promise<LetterResponse> {
    return this.letters.withdraw(actor, id, body);
  }

  @Post('letters/:id/resend')
  @ApiOperation({ summary: 'Queue a failed letter for delivery again' })
  @Authenticated({ action: 'resend', subject: 'Letter' })
  @HttpCode(200)
  @ApiOkResponse({ type: LetterResponse })
  @ApiError(HttpStatus.NOT_FOUND, 'No such letter, or not yours')
  @ApiError(HttpStatus.CONFLICT, 'Stale version, or the letter has not failed')
  resend(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: LetterVersionRequest): Promise<LetterResponse> {
    return this.letters.resend(actor, id, body);
  }

  @Post('letters/:id/acknowledge')
  @ApiOperation({ summary: "Acknowledge a delivered letter (a GP of the patient's practice)" })
  @Authenticated({ action: 'acknowledge', subject: 'Letter' })
  @HttpCode(200)
  @ApiOkResponse({ type: LetterResponse })
  @ApiError(HttpStatus.NOT_FOUND, 'No such letter, or not one delivered to your practice')
  @ApiError(HttpStatus.CONFLICT, 'Stale version, or the letter is not delivered')
  acknowledge(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: LetterVersionRequest): Promise<LetterResponse> {
    return this.letters.acknowledge(actor, id, body);
  }

  @Get('letters/:id/pdf')
  @ApiOperation({ summary: 'The approved letter as PDF, exactly as delivered (every download is audited)' })
  @Authenticated({ action: 'read', subject: 'Letter' })
  @ApiOkResponse({ description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiError(HttpStatus.NOT_FOUND, 'No such letter, not yours, or not approved yet')
  async pdf(@CurrentActor() actor: Actor, @UuidParam() id: string, @Query() query: LetterPdfQuery): Promise<StreamableFile> {
    const variant = query.variant ?? 'gp';
    const pdf = await this.letters.pdf(actor, id, variant);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="letter-${id}${variant === 'gp' ? '' : '-large-print'}.pdf"`,
    });
  }

  @Get('inbox/letters')
  @ApiOperation({ summary: "A GP practice's inbox: letters about its patients, unacknowledged first" })
  @Authenticated({ action: 'acknowledge', subject: 'Letter' })
  @ApiOkResponse({ type: LetterPage })
  inbox(@CurrentActor() actor: Actor, @Query() query: ListLettersQuery): Promise<LetterPage> {
    return this.letters.inbox(actor, query);
  }
}
