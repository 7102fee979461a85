import { describe, expect, it } from 'vitest';
import type { NewHandoff } from '../durability';
import { type SuiteContext, sampleTranscript } from './fixture';

const HOUR = 3_600_000;

function handoff(id: string, patientTimeZone?: string): NewHandoff {
  return {
    conversationId: id,
    patientId: `p-${id}`,
    priority: 'routine',
    transcript: sampleTranscript,
    entry: { clientMessageId: `h-${id}`, from: 'patient', senderId: `p-${id}`, body: '{}' },
    reopenFrom: ['returned_to_bot'],
    ...(patientTimeZone ? { patientTimeZone } : {}),
  };
}

/** The patient's zone is kept with every conversation from its verified handoff request. */
export function patientZoneSuite(ctx: SuiteContext): void {
  describe('patient time zone of a conversation', () => {
    it('comes from the handoff request, before any bot session’s, and survives a retry', async () => {
      const store = ctx.store();
      const from = new Date(Date.now() - HOUR).toISOString();
      await store.createHandoff(handoff('c-paris', 'Europe/Paris'));
      await store.createHandoff(handoff('c-none'));
      await store.createHandoff(handoff('c-both', 'America/Chicago'));
      const now = new Date().toISOString();
      await store.startBotSession({
        id: 'b-both',
        patientId: 'p-c-both',
        locale: 'en',
        entryPath: null,
        startedAt: now,
        timeZone: 'Asia/Tokyo',
      });
      await store.endBotSession('b-both', {
        outcome: 'escalated',
        at: now,
        escalation: 'patient-requested',
        handoffConversationId: 'c-both',
      });
      // A retried request without a zone does not erase it.
      await store.createHandoff(handoff('c-paris'));
      const to = new Date(Date.now() + HOUR).toISOString();
      const facts = await store.analyticsFacts({ from, to });
      const zones = Object.fromEntries(facts.conversations.map((c) => [c.id, c.patientTimeZone]));
      expect(zones).toEqual({
        'c-paris': 'Europe/Paris',
        'c-none': null,
        'c-both': 'America/Chicago',
      });
    });
  });
}
