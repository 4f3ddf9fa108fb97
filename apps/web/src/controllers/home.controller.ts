import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { NAVIGATION } from '../navigation';
import { WebPages } from '../web-pages.decorator';
import { render } from '../web-response';

@WebPages()
@Controller()
export class HomeController {
  /** Where each role's work starts. Signed out, this is the sign-in page (the page filter sends them there). */
  @Get()
  @Authenticated({ action: 'read', subject: 'User' })
  async home(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await render(res, 'home/index', { title: 'Home', sections: NAVIGATION[actor.role] });
  }
}
