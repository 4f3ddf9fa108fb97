import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, Authenticated, CurrentActor, OrganisationsService } from '@carepath/auth';
import { EnumParam } from '@carepath/common';
import {
  CapacityResponse,
  PRIORITIES,
  UpdateCapacityRequest,
  WAITING_LISTS,
  WaitingListName,
  WaitingListQuery,
  WaitingListService,
} from '@carepath/referrals';
import { formError, FormInvalid, integer, submitForm, text, validateForm } from '../forms';
import { cursorPagination, readPaging } from '../paging';
import { WebPages } from '../web-pages.decorator';
import { handleForm, render } from '../web-response';
import { humanise, modalityName } from '../view-filters';

const FILTER_LABELS = { priority: 'Priority', practiceId: 'GP practice', breached: 'Time waited' };
const CAPACITY_LABELS = { slotsPerWeek: 'Slots per week' };

/** The waiting lists' overview: every list's count, longest wait, breaches, and capacity against demand. */
export async function waitingListsOverview(waitingList: WaitingListService, actor: Actor): Promise<Record<string, unknown>> {
  const { items } = await waitingList.capacity(actor);
  return { title: 'Waiting lists', lists: items, canSetCapacity: actor.ability.can('update', 'Capacity') };
}

@WebPages()
@Controller('waiting-lists')
export class WaitingListsController {
  constructor(
    private readonly waitingList: WaitingListService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Get()
  @Authenticated({ action: 'read', subject: 'Capacity' })
  async overview(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await render(res, 'waiting-lists/overview', await waitingListsOverview(this.waitingList, actor));
  }

  /** One list, in the API's order, with its filters (a GET form) and paging by the API's cursor. */
  @Get(':modality')
  @Authenticated({ action: 'read', subject: 'WaitingList' })
  async list(
    @CurrentActor() actor: Actor,
    @EnumParam('modality', WAITING_LISTS) modality: WaitingListName,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const filters = { priority: text(query.priority), practiceId: text(query.practiceId), breached: text(query.breached) };
    const paging = readPaging(query);
    const practices = await this.organisations.list({ type: 'gp-practice', limit: 100 });
    const context = {
      title: `${modalityName(modality)} waiting list`,
      modality,
      values: filters,
      priorityOptions: [{ value: '', text: 'All priorities' }, ...PRIORITIES.map((p) => ({ value: p, text: humanise(p) }))],
      practiceOptions: [
        { value: '', text: 'All GP practices' },
        ...practices.items.map((p) => ({ value: p.id, text: p.odsCode ? `${p.name} (${p.odsCode})` : p.name })),
      ],
      canSetCapacity: actor.ability.can('update', 'Capacity'),
      breadcrumbs: [{ text: 'Waiting lists', href: '/' }],
    };
    try {
      const valid = await validateForm(WaitingListQuery, { ...filters, modality }, FILTER_LABELS);
      const page = await this.waitingList.list(actor, { ...valid, cursor: paging.cursor });
      await render(res, 'waiting-lists/list', {
        ...context,
        page,
        filtered: Boolean(filters.priority || filters.practiceId || filters.breached),
        ...cursorPagination(`/waiting-lists/${modality}`, filters, paging, page.nextCursor),
      });
    } catch (error) {
      if (!(error instanceof FormInvalid)) throw error;
      await render(res, 'waiting-lists/list', { ...context, errors: error.errors }, 400);
    }
  }

  @Get(':modality/capacity')
  @Authenticated({ action: 'update', subject: 'Capacity' })
  async capacityForm(
    @CurrentActor() actor: Actor,
    @EnumParam('modality', WAITING_LISTS) modality: WaitingListName,
    @Res() res: Response,
  ): Promise<void> {
    const current = await this.capacityOf(actor, modality);
    await render(res, 'waiting-lists/capacity', this.capacityContext(modality, current, { slotsPerWeek: String(current.slotsPerWeek) }));
  }

  @Post(':modality/capacity')
  @Authenticated({ action: 'update', subject: 'Capacity' })
  async setCapacity(
    @CurrentActor() actor: Actor,
    @EnumParam('modality', WAITING_LISTS) modality: WaitingListName,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const values = { slotsPerWeek: typeof body.slotsPerWeek === 'string' ? body.slotsPerWeek : '' };
    const context = async () => this.capacityContext(modality, await this.capacityOf(actor, modality), values);
    await handleForm(res, { view: 'waiting-lists/capacity', context }, async () => {
      if (typeof integer(body.slotsPerWeek) === 'string')
        throw formError('Enter slots per week as a whole number, like 12', 'slotsPerWeek');
      const request = await validateForm(
        UpdateCapacityRequest,
        { slotsPerWeek: integer(body.slotsPerWeek), version: integer(body.version) },
        CAPACITY_LABELS,
      );
      const saved = await submitForm(() => this.waitingList.setCapacity(actor, modality, request), CAPACITY_LABELS);
      return { url: `/waiting-lists/${modality}`, flash: `Capacity set to ${saved.slotsPerWeek} slots a week` };
    });
  }

  private async capacityOf(actor: Actor, modality: WaitingListName): Promise<CapacityResponse> {
    const { items } = await this.waitingList.capacity(actor);
    return items.find((item) => item.modality === modality) as CapacityResponse;
  }

  private capacityContext(modality: WaitingListName, current: CapacityResponse, values: Record<string, string>): Record<string, unknown> {
    return {
      title: `Set capacity for the ${modalityName(modality)} list`,
      modality,
      current,
      values,
      breadcrumbs: [
        { text: 'Waiting lists', href: '/' },
        { text: modalityName(modality), href: `/waiting-lists/${modality}` },
      ],
    };
  }
}
