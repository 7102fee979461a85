import { patientMessage } from '@baton/handoff-protocol';
import {
  builtInScheduling,
  MemoryConversationStore,
  type SchedulingProvider,
  type SlotQuery,
} from '@baton/handoff-server';
import { describe, expect, it } from 'vitest';
import { handoffRequestFrame } from '../support/frames';
import { connectPatient } from '../support/server';
import { hoursFromNow, useHarness } from './harness';

const setup = useHarness();

describe('the slots offered to a patient', () => {
  it('are searched with her locale and her time zone from the verified token, not from her words', async () => {
    const store = new MemoryConversationStore();
    await store.addSlots([
      { id: 'slot-1', startsAt: hoursFromNow(30), endsAt: hoursFromNow(30.5), label: 'Dr. Osei' },
    ]);
    const queries: SlotQuery[] = [];
    const builtIn = builtInScheduling(store);
    const scheduling: SchedulingProvider = {
      ...builtIn,
      searchFreeSlots: (query) => {
        queries.push(query);
        return builtIn.searchFreeSlots(query);
      },
    };
    const h = await setup({ store, followups: { scheduling } });
    h.adapter.failWith = { reason: 'out-of-hours', fallbacks: ['appointment'] };
    const patient = await connectPatient(
      h.test.url,
      await h.test.tokens.patient('pat-zone', undefined, {
        attributes: [
          { key: 'timeZone', value: 'America/Montreal', displayable: false, clinical: false },
        ],
      }),
    );
    patient.send(handoffRequestFrame('conv-zone'));
    await patient.waitFor('handoff.failed');
    patient.send(
      patientMessage('fallback.select', {
        conversationId: 'conv-zone',
        clientMessageId: 'fb-1',
        choice: { option: 'appointment' },
      }),
    );
    const offer = await patient.waitFor('appointment.offer');
    expect(offer.offer.slots.map((s) => s.id)).toEqual(['slot-1']);
    expect(queries.at(-1)).toMatchObject({ locale: 'en', timeZone: 'America/Montreal' });
    patient.close();
  });
});
