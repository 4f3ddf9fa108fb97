import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { UuidParam } from '@carepath/common';
import { PatientsService } from '@carepath/patients';
import { cursorPagination, readPaging } from '../paging';
import { WebPages } from '../web-pages.decorator';
import { render } from '../web-response';

const PAGE_SIZE = 50;

@WebPages()
@Controller('patients/:id/access-log')
export class AccessLogController {
  constructor(private readonly patients: PatientsService) {}

  /** Everyone who saw or changed the patient's record, or was refused, newest first. */
  @Get()
  @Authenticated({ action: 'read', subject: 'AuditEvent', patientParam: 'id' })
  async show(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const paging = readPaging(query);
    const log = await this.patients.accessLog(actor, id, PAGE_SIZE, paging.cursor);
    const patient = await this.patients.get(actor, id);
    await render(res, 'access-log/index', {
      title: 'Who has accessed this record',
      patient,
      log,
      ...cursorPagination(`/patients/${id}/access-log`, {}, paging, log.nextCursor, { previous: 'Newer', next: 'Older' }),
      breadcrumbs: [
        { text: 'Patients', href: '/patients' },
        { text: `${patient.givenName} ${patient.familyName}`, href: `/patients/${id}` },
      ],
    });
  }
}
