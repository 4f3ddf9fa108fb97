import { pdfText } from '@carepath/testing';
import { composeLetter, HEADINGS, LetterFacts } from './letter-content';
import { LetterRenderer } from './letter-renderer';

const FACTS: LetterFacts = {
  kind: 'discharge-summary',
  patient: {
    givenName: 'Alex',
    familyName: 'Morgan',
    nhsNumber: '9990001234',
    dateOfBirth: '1968-04-12',
    postcode: 'LS1 4AP',
    communicationFormat: 'standard',
    communicationSupport: [],
    interpreterLanguage: 'Polish',
  },
  practice: { name: 'Park Lane Surgery', odsCode: 'Y01234' },
  serviceName: 'Leeds Community Pain Service',
  referral: {
    receivedOn: '2026-01-05',
    reason: 'Chronic low back pain',
    status: 'discharged',
    statusReason: 'Goals met',
    redirectDestination: null,
  },
  assessedOn: '2026-01-20',
  pathway: {
    goals: ['Walk to the shops without stopping'],
    activities: [{ modality: 'physiotherapy', plannedSessions: 6, sessionsAttended: 5 }],
    outcomes: [{ measure: 'PHQ9', baseline: 14, last: 6 }],
  },
  handoffs: [{ serviceName: 'Walking for Health', status: 'completed' }],
  mdt: null,
  author: { name: 'Dr Sam Patel', discipline: 'psychologist' },
};

describe('letter PDF (pdfmake)', () => {
  it('prints every PRSB heading in order, the NHS number grouped 3 3 4 and "Page N of M"', async () => {
    const renderer = new LetterRenderer();
    const { pdf, sha256 } = await renderer.render({
      kind: 'discharge-summary',
      content: composeLetter(FACTS),
      letterhead: {
        serviceName: 'Leeds Community Pain Service',
        address: ['1 Park Square', 'Leeds', 'LS1 2AB'],
        telephone: '0113 000 0000',
      },
      date: '2026-03-02',
      renderedAt: new Date('2026-03-02T10:00:00Z'),
      variant: 'gp',
    });
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    const { pages, pageCount } = await pdfText(pdf);
    const text = pages.join('\n');
    let at = -1;
    for (const heading of HEADINGS) {
      const next = text.indexOf(heading, at + 1);
      expect(next).toBeGreaterThan(at);
      at = next;
    }
    expect(text).toContain('999 000 1234');
    expect(text).toContain('Leeds Community Pain Service');
    expect(text).toContain('1 Park Square');
    expect(pages[pageCount - 1]).toContain(`Page ${pageCount} of ${pageCount}`);
  });
});
