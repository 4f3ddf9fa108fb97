import { Body, Controller, Get, HttpStatus, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiError, ApiReportResponse, EnumParam, ReportQuery } from '@carepath/common';
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
@ApiError(HttpStatus.BAD_REQUEST, 'Invalid query or fields')
export class WaitingListController {
  constructor(private readonly waitingList: WaitingListService) {}

  @Get('waiting-list')
  @ApiOperation({ summary: 'The waiting lists' })
  @Authenticated({ action: 'read', subject: 'WaitingList' })
  @ApiOkResponse({ type: WaitingListPage, description: 'Urgent first, then by clock start; days waited, week band, breach date, flags' })
  list(@CurrentActor() actor: Actor, @Query() query: WaitingListQuery): Promise<WaitingListPage> {
    return this.waitingList.list(actor, query);
  }

  @Get('capacity')
  @ApiOperation({ summary: 'Capacity against demand for every list' })
  @Authenticated({ action: 'read', subject: 'Capacity' })
  @ApiOkResponse({ type: CapacitySummary, description: 'Slots per week against demand, for every list' })
  capacity(@CurrentActor() actor: Actor): Promise<CapacitySummary> {
    return this.waitingList.capacity(actor);
  }

  @Put('capacity/:modality')
  @ApiOperation({ summary: "Set a list's capacity in slots per week" })
  @Authenticated({ action: 'update', subject: 'Capacity' })
  @ApiParam({ name: 'modality', enum: WAITING_LISTS })
  @ApiOkResponse({ type: CapacityResponse })
  @ApiError(HttpStatus.CONFLICT, 'Stale version')
  setCapacity(
    @CurrentActor() actor: Actor,
    @EnumParam('modality', WAITING_LISTS) modality: WaitingListName,
    @Body() body: UpdateCapacityRequest,
  ): Promise<CapacityResponse> {
    return this.waitingList.setCapacity(actor, modality, body);
  }

  @Get('reports/waiting-list')
  @ApiOperation({ summary: 'Waiting-list report by RTT week band (JSON or CSV)' })
  @Authenticated({ action: 'read', subject: 'Report' })
  @ApiReportResponse(WaitingListReport, 'Incomplete pathways per list by RTT week band (CSV with format=csv)')
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
