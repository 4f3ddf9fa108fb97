import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { UuidParam } from '@carepath/common';
import {
  CreateDirectoryServiceRequest,
  DirectoryService,
  DirectoryServiceResponse,
  UpdateDirectoryServiceRequest,
} from '@carepath/directory';
import { CAPACITY_OPTIONS, CATEGORY_OPTIONS, DAY_OPTIONS, serviceView } from '../directory-views';
import { dateParts, integer, list, submitForm, text, validateForm, inPlainWords } from '../forms';
import { WebPages } from '../web-pages.decorator';
import { handleForm, render } from '../web-response';

const LABELS = {
  name: 'Name',
  description: 'Description',
  categories: 'Type of support',
  address: 'Address',
  postcode: 'Postcode',
  text: 'When it runs',
  days: 'Days',
  validFrom: 'Start date',
  validTo: 'End date',
  cost: 'Cost',
  accessibility: 'Accessibility',
  capacityStatus: 'Places',
  email: 'Email address',
  phone: 'Phone number',
  url: 'Website',
  version: 'Version',
};

type Values = Record<string, unknown>;

/** The form as the API's request body. `blank` is what an emptied optional text field sends ('' clears it on edit). */
function entryBody(body: Values, blank: '' | undefined): Record<string, unknown> {
  return {
    name: text(body.name) ?? '',
    description: text(body.description) ?? '',
    categories: list(body.categories),
    address: text(body.address) ?? '',
    postcode: text(body.postcode) ?? '',
    schedule: {
      rrule: text(body.rrule),
      text: text(body.text),
      days: list(body.days),
      validFrom: dateParts(body, 'validFrom'),
      validTo: dateParts(body, 'validTo'),
    },
    cost: text(body.cost) ?? blank,
    accessibility: text(body.accessibility) ?? blank,
    capacityStatus: text(body.capacityStatus) ?? '',
    contact: { name: text(body.contactName), email: text(body.email), phone: text(body.phone), url: text(body.url) },
  };
}

/** Messages in the NHS's words where class-validator's would not help (a list to choose from, a pattern). */
const PLAIN_MESSAGES: Record<string, string> = {
  categories: 'Select at least one type of support',
  phone: 'Enter a phone number, like 0113 496 0000',
  url: 'Enter a website address starting https://',
};

/** Validates with the API's DTO, in plain words where its own would not read well. */
function validated<T extends object>(dto: new () => T, input: Record<string, unknown>): Promise<T> {
  return validateForm(dto, input, LABELS).catch((error: unknown) => {
    throw inPlainWords(error, PLAIN_MESSAGES);
  });
}

/** An entry as the form's fields. */
function valuesOf(entry: DirectoryServiceResponse): Values {
  const [fromYear, fromMonth, fromDay] = (entry.schedule.validFrom ?? '').split('-');
  const [toYear, toMonth, toDay] = (entry.schedule.validTo ?? '').split('-');
  return {
    name: entry.name,
    description: entry.description,
    categories: entry.categories,
    address: entry.address,
    postcode: entry.postcode,
    rrule: entry.schedule.rrule ?? '',
    text: entry.schedule.text ?? '',
    days: entry.schedule.days,
    'validFrom-day': fromDay ?? '',
    'validFrom-month': fromMonth ?? '',
    'validFrom-year': fromYear ?? '',
    'validTo-day': toDay ?? '',
    'validTo-month': toMonth ?? '',
    'validTo-year': toYear ?? '',
    cost: entry.cost ?? '',
    accessibility: entry.accessibility ?? '',
    capacityStatus: entry.capacityStatus,
    contactName: entry.contact.name ?? '',
    email: entry.contact.email ?? '',
    phone: entry.contact.phone ?? '',
    url: entry.contact.url ?? '',
    version: entry.version,
  };
}

/** What the form view needs besides the values. */
function formContext(title: string, action: string, values: Values, breadcrumbs: { text: string; href: string }[]) {
  const chosen = (name: string) => list(values[name]);
  return {
    title,
    action,
    values,
    breadcrumbs,
    categoryItems: CATEGORY_OPTIONS.map((o) => ({ ...o, checked: chosen('categories').includes(o.value) })),
    dayItems: DAY_OPTIONS.map((o) => ({ ...o, checked: chosen('days').includes(o.value) })),
    capacityItems: CAPACITY_OPTIONS.map((o) => ({ ...o, checked: values.capacityStatus === o.value })),
  };
}

const HOME = { text: 'Our directory entries', href: '/directory' };

/** A social prescriber's organisation's entries in the community directory: list, add and change them. */
@WebPages()
@Controller('directory')
export class DirectoryEntriesController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @Authenticated({ action: 'update', subject: 'DirectoryService' })
  async list(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const entries = (await this.directory.editable(actor)).map((e) => serviceView(e));
    await render(res, 'directory/index', { title: 'Our directory entries', entries });
  }

  @Get('new')
  @Authenticated({ action: 'create', subject: 'DirectoryService' })
  async newForm(@Res() res: Response): Promise<void> {
    await render(res, 'directory/form', formContext('Add a directory entry', '/directory', { categories: [], days: [] }, [HOME]));
  }

  @Post()
  @Authenticated({ action: 'create', subject: 'DirectoryService' })
  async create(@CurrentActor() actor: Actor, @Body() body: Values, @Res() res: Response): Promise<void> {
    await handleForm(
      res,
      { view: 'directory/form', context: formContext('Add a directory entry', '/directory', body, [HOME]) },
      async () => {
        const request = await validated(CreateDirectoryServiceRequest, entryBody(body, undefined));
        const created = await submitForm(() => this.directory.create(actor, request), LABELS);
        return { url: '/directory', flash: `${created.name} added to the directory` };
      },
    );
  }

  @Get(':id/edit')
  @Authenticated({ action: 'update', subject: 'DirectoryService' })
  async editForm(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    const entry = await this.directory.getEditable(actor, id);
    await render(res, 'directory/form', formContext(`Change ${entry.name}`, `/directory/${id}`, valuesOf(entry), [HOME]));
  }

  @Post(':id')
  @Authenticated({ action: 'update', subject: 'DirectoryService' })
  async update(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: Values, @Res() res: Response): Promise<void> {
    const entry = await this.directory.getEditable(actor, id);
    const context = formContext(`Change ${entry.name}`, `/directory/${id}`, body, [HOME]);
    await handleForm(res, { view: 'directory/form', context }, async () => {
      const request = await validated(UpdateDirectoryServiceRequest, { ...entryBody(body, ''), version: integer(body.version) });
      const updated = await submitForm(() => this.directory.update(actor, id, request), LABELS);
      return { url: '/directory', flash: `${updated.name} updated` };
    });
  }
}
