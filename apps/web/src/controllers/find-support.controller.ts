import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@carepath/auth';
import { UuidParam } from '@carepath/common';
import { DirectoryService, MAX_RADIUS_KM, SearchDirectoryQuery } from '@carepath/directory';
import { CATEGORY_OPTIONS, DAY_OPTIONS, selectItems, serviceView } from '../directory-views';
import { formError, submitForm, text, validateForm } from '../forms';
import { WebPages } from '../web-pages.decorator';
import { render, renderSearch } from '../web-response';

const LABELS = { postcode: 'Postcode', radiusKm: 'Distance', category: 'Type of support', day: 'Day', q: 'Words' };
/** The public pages show nobody's account or navigation, even to someone signed in. */
const PUBLIC_PAGE = { me: null, navigation: null, serviceName: 'Find local support', serviceHref: '/find-support' };
const KM_PER_MILE = 1.609344;
const PAGE_SIZE = 20;
/** The search's own fields: all a results or service page carries in its address (no patient data, ever). */
const FIELDS = ['postcode', 'distance', 'units', 'category', 'day', 'q'] as const;

type SearchValues = Record<(typeof FIELDS)[number], string>;

function valuesOf(query: Record<string, unknown>): SearchValues {
  const values = Object.fromEntries(
    FIELDS.map((f) => [f, typeof query[f] === 'string' ? (query[f] as string).slice(0, 200) : '']),
  ) as SearchValues;
  values.units = values.units === 'km' ? 'km' : 'miles';
  values.distance ||= '5';
  return values;
}

/** The search's address, to come back to it from a service page or go on to the next page. */
function searchUrl(values: SearchValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ ...values, ...extra });
  return `/find-support?${params.toString()}`;
}

/** The form's fields as the API's search query: the distance in the units chosen becomes radiusKm. */
async function searchQuery(values: SearchValues, cursor: string | undefined): Promise<SearchDirectoryQuery> {
  if (!text(values.postcode)) throw formError('Enter a postcode, like LS1 4AP', 'postcode');
  const distance = text(values.distance) ?? '';
  if (!/^\d{1,4}(\.\d{1,2})?$/.test(distance)) throw formError('Distance must be a number, like 5', 'radiusKm');
  const radiusKm = Number(distance) * (values.units === 'km' ? 1 : KM_PER_MILE);
  if (radiusKm < 0.1 || radiusKm > MAX_RADIUS_KM)
    throw formError(`Distance must be between 0.1 and ${MAX_RADIUS_KM} km (${Math.floor(MAX_RADIUS_KM / KM_PER_MILE)} miles)`, 'radiusKm');
  return validateForm(
    SearchDirectoryQuery,
    {
      postcode: values.postcode,
      radiusKm,
      category: text(values.category),
      day: text(values.day),
      q: text(values.q),
      cursor,
      limit: PAGE_SIZE,
    },
    LABELS,
  );
}

/** Find local support: anyone, signed in or not, searches the community directory by postcode. */
@WebPages()
@Controller('find-support')
export class FindSupportController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @Public()
  async search(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const values = valuesOf(query);
    const context = {
      ...PUBLIC_PAGE,
      values,
      categoryItems: selectItems(CATEGORY_OPTIONS, values.category, 'Any type of support'),
      dayItems: selectItems(DAY_OPTIONS, values.day, 'Any day'),
    };
    if (query.postcode === undefined) return render(res, 'find-support/search', context);
    await renderSearch(res, 'find-support/search', context, async () => {
      const cursor = text(query.cursor);
      const page = await submitForm(async () => this.directory.search(await searchQuery(values, cursor)), LABELS);
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
    const values = valuesOf(query);
    const service = serviceView(await this.directory.getListed(id));
    await render(res, 'find-support/service', {
      ...PUBLIC_PAGE,
      service,
      backUrl: text(values.postcode) ? searchUrl(values) : '/find-support',
    });
  }
}
