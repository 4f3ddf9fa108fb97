import { Body, Controller, Get, Put, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EnumParam, ReportQuery } from '@carepath/common';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import {
  CapacityResponse,
  CapacitySummary,
  UpdateCapacityRequest,
  WaitingListPage,
  WaitingListQuery,
  WaitingListReport,
} from './dto/waiting-list.dto';
import { WAITING_LISTS, WaitingListName } from './referral.rules';
import { reportToCsv, WaitingListService } from './waiting-list.service';

@ApiTags('waiting lists')
@Controller()
@ApiBadRequestResponse({ description: 'Invalid query or fields' })
export class WaitingListController {
  constructor(private readonly waitingList: WaitingListService) {}

  @Get('waiting-list')
  @Authenticated({ action: 'read', subject: 'WaitingList' })
  @ApiOkResponse({ type: WaitingListPage, description: 'Urgent first, then by clock start; days waited, week band, breach date, flags' })
  list(@CurrentActor() actor: Actor, @Query() query: WaitingListQuery): Promise<WaitingListPage> {
    return this.waitingList.list(actor, query);
  }

  @Get('capacity')
  @Authenticated({ action: 'read', subject: 'Capacity' })
  @ApiOkResponse({ type: CapacitySummary, description: 'Slots per week against demand, for every list' })
  capacity(@CurrentActor() actor: Actor): Promise<CapacitySummary> {
    return this.waitingList.capacity(actor);
  }

  @Put('capacity/:modality')
  @Authenticated({ action: 'update', subject: 'Capacity' })
  @ApiParam({ name: 'modality', enum: WAITING_LISTS })
  @ApiOkResponse({ type: CapacityResponse })
  @ApiConflictResponse({ description: 'Stale version' })
  setCapacity(
    @CurrentActor() actor: Actor,
    @EnumParam('modality', WAITING_LISTS) modality: WaitingListName,
    @Body() body: UpdateCapacityRequest,
  ): Promise<CapacityResponse> {
    return this.waitingList.setCapacity(actor, modality, body);
  }

  @Get('reports/waiting-list')
  @Authenticated({ action: 'read', subject: 'Report' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: WaitingListReport, description: 'Incomplete pathways per list by RTT week band (CSV with format=csv)' })
  async report(
    @CurrentActor() actor: Actor,
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WaitingListReport | string> {
    const report = await this.waitingList.report(actor);
    if (query.format !== 'csv') return report;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="waiting-list-${report.generatedOn}.csv"`);
    return reportToCsv(report);
  }
}
