import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Category, Day, DirectoryService } from '@carepath/directory';
import { HandoffsService, HandoffStatus } from '@carepath/handoffs';
import { ConsentsService } from '@carepath/patients';
import { actorFor } from './demo-actor';
import { DEMO } from './demo-seed';

/**
 * APPROXIMATE district centroids for the demo's Leeds postcode districts, good
 * enough to try the search. They are not ONS data: load the real ONS Postcode
 * Directory with `npm run postcodes:import` for real use.
 */
const DEMO_DISTRICTS: [string, number, number][] = [
  ['LS1', 53.797, -1.548],
  ['LS2', 53.803, -1.548],
  ['LS3', 53.801, -1.565],
  ['LS4', 53.81, -1.583],
  ['LS5', 53.818, -1.6],
  ['LS6', 53.819, -1.573],
  ['LS7', 53.825, -1.535],
  ['LS8', 53.823, -1.505],
  ['LS9', 53.797, -1.51],
  ['LS11', 53.78, -1.55],
  ['LS12', 53.785, -1.59],
  ['LS16', 53.85, -1.6],
  ['LS17', 53.86, -1.54],
];

type Entry = [
  name: string,
  org: 'walking' | 'peer',
  categories: Category[],
  postcode: string,
  days: Day[],
  text: string,
  cost: string,
  capacity: 'open' | 'waitlist' | 'full',
];

const ENTRIES: Entry[] = [
  [
    'Woodhouse Moor Health Walk',
    'walking',
    ['physical-activity', 'social-connection'],
    'LS6 2AA',
    ['tue'],
    'Tuesdays 10:00, 45 minutes, flat paths',
    'Free',
    'open',
  ],
  [
    'Hyde Park Gentle Tai Chi',
    'walking',
    ['movement-tai-chi', 'physical-activity'],
    'LS6 1AB',
    ['mon', 'thu'],
    'Mondays and Thursdays 11:00',
    '£2 a session',
    'open',
  ],
  ['Roundhay Park Buggy-Friendly Walk', 'walking', ['physical-activity'], 'LS8 2AA', ['wed'], 'Wednesdays 13:30', 'Free', 'open'],
  [
    'Chapeltown Chair-Based Exercise',
    'walking',
    ['physical-activity'],
    'LS7 3AA',
    ['fri'],
    'Fridays 10:30, seated throughout',
    'Free',
    'waitlist',
  ],
  [
    'Meanwood Valley Nature Walk',
    'walking',
    ['physical-activity', 'mental-wellbeing'],
    'LS6 4AA',
    ['sat'],
    'Saturdays 10:00',
    'Free',
    'open',
  ],
  [
    'Kirkstall Abbey Walk and Talk',
    'walking',
    ['physical-activity', 'social-connection'],
    'LS5 3AA',
    ['sun'],
    'Sundays 11:00',
    'Free',
    'open',
  ],
  ['Armley Park Tai Chi in the Park', 'walking', ['movement-tai-chi'], 'LS12 3AA', ['sat'], 'Saturdays 09:30, summer only', 'Free', 'open'],
  ['Holbeck Community Stretch', 'walking', ['physical-activity'], 'LS11 9AA', ['tue'], 'Tuesdays 14:00', '£1', 'full'],
  ['City Centre Lunchtime Stroll', 'walking', ['physical-activity'], 'LS1 4AP', ['wed'], 'Wednesdays 12:15, 30 minutes', 'Free', 'open'],
  [
    'Burmantofts Seated Yoga',
    'walking',
    ['movement-tai-chi', 'mental-wellbeing'],
    'LS9 7AA',
    ['thu'],
    'Thursdays 10:00',
    '£3 a session',
    'open',
  ],
  ['Headingley Swim for Health', 'walking', ['physical-activity'], 'LS6 3AA', ['mon'], 'Mondays 08:00, warm pool', '£2.50', 'waitlist'],
  ['Adel Woods Walking Group', 'walking', ['physical-activity', 'social-connection'], 'LS16 8AA', ['fri'], 'Fridays 10:00', 'Free', 'open'],
  ['Moortown Tai Chi for Arthritis', 'walking', ['movement-tai-chi'], 'LS17 5AA', ['tue'], 'Tuesdays 13:00', '£2 a session', 'open'],
  [
    'Living with Pain Peer Group',
    'peer',
    ['peer-support', 'mental-wellbeing'],
    'LS7 4AA',
    ['wed'],
    'First and third Wednesdays 18:30',
    'Free',
    'open',
  ],
  ['Fibromyalgia Friends', 'peer', ['peer-support'], 'LS6 1AN', ['thu'], 'Thursdays 14:00', 'Free', 'open'],
  [
    'Men in Sheds Harehills',
    'peer',
    ['social-connection', 'volunteering'],
    'LS8 5AA',
    ['mon', 'wed'],
    'Mondays and Wednesdays 10:00-15:00',
    'Free',
    'open',
  ],
  [
    'Community Garden Volunteers',
    'peer',
    ['volunteering', 'physical-activity'],
    'LS4 2AA',
    ['sat'],
    'Saturdays 10:00-13:00',
    'Free',
    'open',
  ],
  ['Mindful Moments', 'peer', ['mental-wellbeing'], 'LS2 9AA', ['tue'], 'Tuesdays 19:00', 'Pay what you can', 'open'],
  ['Chronic Pain Coffee Morning', 'peer', ['peer-support', 'social-connection'], 'LS12 1AA', ['fri'], 'Fridays 10:30', 'Free', 'open'],
  [
    'Befriending by Phone',
    'peer',
    ['social-connection'],
    'LS3 1AA',
    ['mon', 'tue', 'wed', 'thu', 'fri'],
    'Weekday calls arranged with you',
    'Free',
    'waitlist',
  ],
  [
    'Citizens Advice Benefits Clinic',
    'peer',
    ['practical-money'],
    'LS1 5AA',
    ['mon', 'thu'],
    'Mondays and Thursdays, by appointment',
    'Free',
    'open',
  ],
  ['Housing Options Drop-in', 'peer', ['practical-housing'], 'LS9 8AA', ['tue'], 'Tuesdays 09:30-12:00', 'Free', 'open'],
  [
    'Community Pantry',
    'peer',
    ['practical-food'],
    'LS11 6AA',
    ['wed', 'sat'],
    'Wednesdays and Saturdays 11:00-14:00',
    '£3.50 a shop',
    'open',
  ],
  ['Warm Space and Lunch Club', 'peer', ['practical-food', 'social-connection'], 'LS7 1AA', ['thu'], 'Thursdays 12:00', 'Free', 'full'],
  [
    'Debt Advice Line',
    'peer',
    ['practical-money'],
    'LS2 8AA',
    ['mon', 'tue', 'wed', 'thu', 'fri'],
    'Weekdays 09:00-17:00 by phone',
    'Free',
    'open',
  ],
  ['Art for Wellbeing', 'peer', ['mental-wellbeing', 'social-connection'], 'LS5 1AA', ['wed'], 'Wednesdays 14:00', '£1', 'open'],
  ['Sleep Well Workshop', 'peer', ['mental-wellbeing'], 'LS16 5AA', ['mon'], 'Monthly, first Monday 18:00', 'Free', 'open'],
  ['Volunteer Drivers Scheme', 'peer', ['volunteering', 'practical-housing'], 'LS17 6AA', ['sat'], 'Saturdays, flexible', 'Free', 'open'],
  ['Young Adults with Pain Meet-up', 'peer', ['peer-support'], 'LS6 2BQ', ['sun'], 'Last Sunday of the month 15:00', 'Free', 'open'],
  ['Knit and Natter', 'peer', ['social-connection', 'mental-wellbeing'], 'LS8 1PZ', ['tue'], 'Tuesdays 13:30', 'Free', 'open'],
];

const HANDOFF_STATES: HandoffStatus[] = ['requested', 'accepted', 'rejected', 'in-progress', 'completed', 'cancelled'];

/**
 * An approximate gazetteer for the demo districts, about 30 community services
 * and handoffs in every state, made through the real services. Runs once.
 */
export async function seedDemoDirectory(app: INestApplicationContext, say: (line: string) => void): Promise<void> {
  const ds = app.get(DataSource);
  const [{ count }]: { count: number }[] = await ds.query('SELECT count(*)::int AS count FROM directory_service');
  if (count > 0) return;
  for (const [outcode, lat, lon] of DEMO_DISTRICTS) {
    await ds.query(
      `INSERT INTO outcode_centroid (outcode, latitude, longitude, postcodes) VALUES ($1, $2, $3, 0) ON CONFLICT (outcode) DO NOTHING`,
      [outcode, lat, lon],
    );
  }
  const directory = app.get(DirectoryService);
  const admin = await actorFor(app, 'admin@demo.carepath.test');
  const ids: string[] = [];
  for (const [name, org, categories, postcode, days, text, cost, capacity] of ENTRIES) {
    const created = await directory.create(admin, {
      organisationId: org === 'walking' ? DEMO.vcsWalking : DEMO.vcsPeer,
      name,
      description: `${name}: ${text.toLowerCase()}. Welcoming to people living with persistent pain.`,
      categories,
      address: `${name}, Leeds`,
      postcode,
      schedule: { days, text },
      cost,
      accessibility: 'Step-free access; ask about quieter sessions',
      capacityStatus: capacity,
      contact: { name: 'Session lead', phone: '0113 496 0999', email: 'hello@example.org' },
    });
    if (org === 'walking') ids.push(created.id);
  }

  const consents = app.get(ConsentsService);
  const handoffs = app.get(HandoffsService);
  const clinician = await actorFor(app, 'clinician@demo.carepath.test');
  const sp = await actorFor(app, 'sp@demo.carepath.test');
  const patients: { id: string }[] = await ds.query('SELECT id FROM patient WHERE service_id = $1 ORDER BY nhs_number DESC LIMIT $2', [
    DEMO.service,
    HANDOFF_STATES.length,
  ]);
  for (const [i, target] of HANDOFF_STATES.entries()) {
    const consent = await consents.give(clinician, patients[i].id, {
      organisationId: DEMO.vcsWalking,
      purpose: 'Handoff to a community walking or movement group',
    });
    let h: { id: string; version: number } = await handoffs.create(clinician, {
      patientId: patients[i].id,
      serviceId: ids[i % ids.length],
      reason: 'Pathway finished; would like to stay active with others',
      consentId: consent.id,
    });
    const steps: Record<HandoffStatus, [HandoffStatus, { reason?: string; outcome?: 'engaged' | 'did-not-engage' }][]> = {
      requested: [],
      accepted: [['accepted', {}]],
      rejected: [['rejected', { reason: 'At capacity until spring' }]],
      'in-progress': [
        ['accepted', {}],
        ['in-progress', {}],
      ],
      completed: [
        ['accepted', {}],
        ['in-progress', {}],
        ['completed', { outcome: 'engaged' }],
      ],
      cancelled: [['cancelled', { reason: 'Could not contact the patient' }]],
    };
    for (const [status, details] of steps[target]) {
      h = await handoffs.changeStatus(sp, h.id, { status, ...details, version: h.version });
    }
  }
  say(
    `demo directory created: ${ENTRIES.length} services (demo districts located approximately) and ${HANDOFF_STATES.length} handoffs, one in each state`,
  );
}
