import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { WaitingListService } from '@carepath/referrals';
import { NAVIGATION } from '../navigation';
import { WebPages } from '../web-pages.decorator';
import { render } from '../web-response';
import { waitingListsOverview } from './waiting-lists.controller';

/** Roles whose work starts from the waiting lists. */
const WAITING_LIST_HOME = new Set(['admin', 'service_manager']);

@WebPages()
@Controller()
export class HomeController {
  constructor(private readonly waitingList: WaitingListService) {}

  /**
   * Where each role's work starts: the waiting lists for admins and service managers, the sections of their work
   * for everyone else. Signed out, this is the sign-in page (the page filter sends them there).
   */
  @Get()
  @Authenticated({ action: 'read', subject: 'User' })
  async home(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    if (WAITING_LIST_HOME.has(actor.role))
      return render(res, 'waiting-lists/overview', await waitingListsOverview(this.waitingList, actor));
    await render(res, 'home/index', { title: 'Home', sections: NAVIGATION[actor.role] });
  }
}
