import { InProcessEventBus } from '@sluice/event-bus';
import { intake, post, published, smallest } from './harness';

describe('intake: one patient counted once however the tool spells them', () => {
  it('happy: a mobile written two ways, or any contact with one NHS number, gives one fair-use hash; the NHS number is never published', async () => {
    const bus = new InProcessEventBus();
    const { app } = intake(bus);
    await post(app, '/v1/practices/A81001/requests')
      .send({ ...smallest, contact: { sms: '+447700900010' } })
      .expect(202);
    await post(app, '/v1/practices/A81001/requests')
      .send({ ...smallest, contact: { sms: '07700 900010' } })
      .expect(202);
    await post(app, '/v1/practices/A81001/requests')
      .send({ ...smallest, contact: { sms: '07700900011' }, patient: { nhsNumber: '943 476 5919', ageYears: 40 } })
      .expect(202);
    await post(app, '/v1/practices/A81001/requests')
      .send({ ...smallest, contact: { email: ' Pat@Example.com' }, patient: { nhsNumber: '9434765919' } })
      .expect(202);
    const events = await published(bus);
    expect(events[0]!.contactHash).toBe(events[1]!.contactHash);
    expect(events[2]!.contactHash).toBe(events[3]!.contactHash);
    expect(events[2]!.contactHash).not.toBe(events[0]!.contactHash);
    expect(events[2]!.patient).toEqual({ ageYears: 40 });
    expect(events[3]!.patient).toBeUndefined();
    expect(JSON.stringify(events)).not.toContain('9434765919');
    expect(JSON.stringify(events)).not.toContain('943 476 5919');
  });

  it('error: an NHS number whose check digit fails is a 400 naming the field', async () => {
    const { app } = intake();
    const res = await post(app, '/v1/practices/A81001/requests')
      .send({ ...smallest, patient: { nhsNumber: '9434765918' } })
      .expect(400);
    expect(JSON.parse(res.text).errors.map((e: { path: string }) => e.path)).toContain('patient.nhsNumber');
  });
});
