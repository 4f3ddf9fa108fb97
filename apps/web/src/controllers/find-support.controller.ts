import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@carepath/auth';
import { UuidParam } from '@carepath/common';
import { DirectoryService } from '@carepath/directory';
import {
  CATEGORY_OPTIONS,
  DAY_OPTIONS,
  SEARCH_LABELS,
  searchQuery,
  SearchValues,
  searchValuesOf,
  selectItems,
  serviceView,
} from '../directory-views';
import { submitForm, text } from '../forms';
import { WebPages } from '../web-pages.decorator';
import { render, renderSearch } from '../web-response';

/** The public pages show nobody's account or navigation, even to someone signed in. */
const PUBLIC_PAGE = { me: null, navigation: null, serviceName: 'Find local support', serviceHref: '/find-support' };

/** The search's address, to come back to it from a service page or go on to the next page. */
function searchUrl(values: SearchValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ ...values, ...extra });
  return `/find-support?${params.toString()}`;
}

/** Find local support: anyone, signed in or not, searches the community directory by postcode. */
@WebPages()
@Controller('find-support')
export class FindSupportController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @Public()
  async search(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const values = searchValuesOf(query);
    const context = {
      ...PUBLIC_PAGE,
      values,
      categoryItems: selectItems(CATEGORY_OPTIONS, values.category, 'Any type of support'),
      dayItems: selectItems(DAY_OPTIONS, values.day, 'Any day'),
    };
    if (query.postcode === undefined) return render(res, 'find-support/search', context);
    await renderSearch(res, 'find-support/search', context, async () => {
      const cursor = text(query.cursor);
      const page = await submitForm(async () => this.directory.search(await searchQuery(values, cursor)), SEARCH_LABELS);
      const back = searchUrl(values).slice('/find-support?'.length);
      return {
        searched: true,
        originApproximate: page.originApproximate,
        more: Boolean(cursor),
        results: page.items.map((s) => ({
          ...serviceView(s, values.units as 'miles' | 'km'),
          href: `/find-support/services/${s.id}?${back}`,
        })),
        nextUrl: page.nextCursor ? searchUrl(values, { cursor: page.nextCursor }) : null,
      };
    });
  }

  @Get('services/:id')
  @Public()
  async service(@UuidParam() id: string, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const values = searchValuesOf(query);
    const service = serviceView(await this.directory.getListed(id));
    await render(res, 'find-support/service', {
      ...PUBLIC_PAGE,
      service,
      backUrl: text(values.postcode) ? searchUrl(values) : '/find-support',
    });
  }
}
