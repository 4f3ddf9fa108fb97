import { FixedClock } from '@carepath/common';
import { AccessibilityAudit, bearer, createPatient, createWorld, login, signInAs, startWebTest, WebTest, World } from '@carepath/testing';

/**
 * Hazards H01 (wrong patient) and H06 (communication needs missed): every page about a patient says who it is about
 * (name, NHS number grouped 3 3 4, date of birth) and shows their communication needs as a callout. Walks each kind
 * of patient page as a clinician and an admin would reach it.
 */
describe('who a page is about, on every patient page', () => {
  let w: WebTest;
  let world: World;
  const clock = new FixedClock(new Date('2026-03-02T10:00:00Z'));
  let patientId: string;
  let referralId: string;
  let pathwayId: string;
  let nhsNumber: string;

  beforeAll(async () => {
    w = await startWebTest({ clock });
    world = await createWorld(w.t.dataSource);
    const admin = (await login(w.t.http, world.admin.email)).accessToken;
    const clinician = (await login(w.t.http, world.clinician.email)).accessToken;
    patientId = await createPatient(w.t.dataSource, world.service, world.practiceA, {
      interpreterLanguage: 'Polish',
      communicationFormat: 'large-print',
    });
    nhsNumber = (await w.t.http.get(`/api/v1/patients/${patientId}`).set(bearer(admin)).expect(200)).body.nhsNumber;
    const referral = await w.t.http
      .post('/api/v1/referrals')
      .set(bearer(admin))
      .send({ patientId, priority: 'routine', reason: 'Back pain', receivedOn: '2026-01-05' })
      .expect(201);
    referralId = referral.body.id;
    await w.t.http
      .post(`/api/v1/referrals/${referralId}/triage`)
      .set(bearer(clinician))
      .send({ outcome: 'accept', modalities: ['physiotherapy'], version: 1 })
      .expect(200);
    const pathway = await w.t.http
      .post(`/api/v1/referrals/${referralId}/pathway`)
      .set(bearer(clinician))
      .send({
        goals: ['Walk to the shops'],
        activities: [{ modality: 'physiotherapy', plannedSessions: 6, leadClinicianId: world.clinician.id }],
      })
      .expect(201);
    pathwayId = pathway.body.id;
  });
  afterAll(() => w.close());

  async function expectIdentity(paths: string[], email: string): Promise<void> {
    const page = await w.newPage();
    await signInAs(page, email);
    const audit = new AccessibilityAudit(page);
    const grouped = `${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`;
    for (const path of paths) {
      const response = await page.goto(path);
      expect(`${path} ${response?.status()}`).toBe(`${path} 200`);
      const banner = await page.locator('.app-patient-banner').innerText();
      expect(`${path}: ${banner}`).toContain(`${path}: PATIENT, Test`);
      expect(banner).toContain(grouped);
      expect(banner).toContain('1 January 1970');
      const needs = await page.locator('.app-communication-needs').innerText();
      expect({ path, interpreter: needs.includes('Polish'), format: needs.includes('Large print') }).toEqual({
        path,
        interpreter: true,
        format: true,
      });
      await audit.check();
    }
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
  }

  it('a clinician sees the patient and their needs on the patient, referral, pathway, outcome, MDT flag and handoff pages', async () => {
    await expectIdentity(
      [
        `/patients/${patientId}`,
        `/referrals/${referralId}`,
        `/pathways/${pathwayId}`,
        `/pathways/${pathwayId}/outcomes`,
        `/pathways/${pathwayId}/outcomes/new?measure=PHQ9`,
        `/pathways/${pathwayId}/mdt-flag`,
        `/patients/${patientId}/handoffs`,
      ],
      world.clinician.email,
    );
  }, 120_000);

  it('an admin sees them on the patient page, the referral and the access log', async () => {
    await expectIdentity([`/patients/${patientId}`, `/referrals/${referralId}`, `/patients/${patientId}/access-log`], world.admin.email);
    expect(w.thirdPartyRequests).toEqual([]);
  }, 120_000);
});
