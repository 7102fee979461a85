import { CallOffer } from '@baton/handoff-protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import type { CallProvider } from './provider';

export interface CallProviderFixture {
  provider: CallProvider;
  cleanup?: () => Promise<void> | void;
}

const inAnHour = () => new Date(Date.now() + 60 * 60_000).toISOString();

/**
 * The behaviour every `CallProvider` must have. Run it against yours:
 * `testCallProvider('my provider', async () => ({ provider, cleanup }))`.
 */
export function testCallProvider(name: string, create: () => Promise<CallProviderFixture>): void {
  describe(`CallProvider conformance: ${name}`, () => {
    let fixture: CallProviderFixture;
    beforeEach(async () => {
      fixture = await create();
    });
    afterEach(async () => {
      await fixture.cleanup?.();
    });

    it('makes a meeting whose patient link is a valid call.offer (https) and an agent link', async () => {
      const expiresAt = inAnHour();
      const meeting = await fixture.provider.createMeeting({
        conversationId: 'conv-1',
        agentId: 'agent-1',
        expiresAt,
      });
      const offer = z.safeParse(CallOffer, {
        callId: meeting.callId,
        provider: meeting.provider,
        joinUrl: meeting.patientJoinUrl,
        expiresAt: meeting.expiresAt,
      });
      expect(offer.success).toBe(true);
      expect(new URL(meeting.agentJoinUrl).protocol).toBe('https:');
      expect(Date.parse(meeting.expiresAt)).toBe(Date.parse(expiresAt));
    });

    it('makes a new meeting each time (another call id), even for one conversation', async () => {
      const request = { conversationId: 'conv-1', agentId: 'agent-1', expiresAt: inAnHour() };
      const [a, b] = await Promise.all([
        fixture.provider.createMeeting(request),
        fixture.provider.createMeeting(request),
      ]);
      expect(a.callId).not.toBe(b.callId);
      expect(a.patientJoinUrl).not.toBe(b.patientJoinUrl);
    });

    it('puts nothing about the agent in the patient link', async () => {
      const meeting = await fixture.provider.createMeeting({
        conversationId: 'conv-2',
        agentId: 'agent-secret-id',
        expiresAt: inAnHour(),
      });
      expect(meeting.patientJoinUrl).not.toContain('agent-secret-id');
    });
  });
}
