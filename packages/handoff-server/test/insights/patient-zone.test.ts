import { afterEach, describe, expect, it } from 'vitest';
import { handoffRequestFrame } from '../support/frames';
import { connectPatient, startTestServer, type TestServer } from '../support/server';

// Every conversation knows its patient's time zone from the signed token (no bot session
// needed): the patient-zone analytics count its hour in her zone.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the patient’s time zone in analytics', () => {
  it('comes from the signed request context of a handoff without a bot session', async () => {
    server = await startTestServer({ store: 'sqlite', timeZone: 'UTC' });
    const { url, tokens, store } = server;
    const zone = 'Pacific/Kiritimati'; // UTC+14: the local hour is never the UTC hour
    const patient = await connectPatient(
      url,
      await tokens.patient('p1', undefined, {
        attributes: [{ key: 'timeZone', value: zone, displayable: false, clinical: false }],
      }),
    );
    patient.send(handoffRequestFrame('c1'));
    await patient.waitFor('handoff.queued');
    patient.close();
    const day = new Date().toISOString().slice(0, 10);
    const admin = { authorization: `Bearer ${await tokens.staff('root', ['admin'], [])}` };
    const read = async (which: string) =>
      (await (
        await fetch(`${url}/api/analytics?from=${day}&to=${day}&zone=${which}`, { headers: admin })
      ).json()) as { hours: { hour: number; conversations: number }[] };
    const busy = (report: { hours: { hour: number; conversations: number }[] }) =>
      report.hours.filter((h) => h.conversations > 0).map((h) => h.hour);
    const localHour = Number(
      new Intl.DateTimeFormat('en-GB', {
        hour: '2-digit',
        hourCycle: 'h23',
        timeZone: zone,
      }).format(Date.parse((await store.getConversation('c1'))!.createdAt)),
    );
    const utcHour = new Date((await store.getConversation('c1'))!.createdAt).getUTCHours();
    expect(busy(await read('organisation'))).toEqual([utcHour]);
    // The patient's day may be tomorrow already; the hour is hers.
    const fromDay = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const toDay = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const wide = (await (
      await fetch(`${url}/api/analytics?from=${fromDay}&to=${toDay}&zone=patient`, {
        headers: admin,
      })
    ).json()) as { hours: { hour: number; conversations: number }[] };
    expect(busy(wide)).toEqual([localHour]);
    expect(localHour).not.toBe(utcHour);
  });
});
