import type { CallOffer } from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';
import type { CallProvider, MeetingRequest } from '../../src/calls';
import { urlTemplateCallProvider } from '../../src/calls';
import { useHarness } from '../followups/harness';
import type { TestServer } from '../support/server';

const setup = useHarness();

interface StartReply {
  call: CallOffer;
  agentJoinUrl: string;
  seq: number;
}

/** The URL-template provider, counting the meetings it made. */
function counted(made: MeetingRequest[]): CallProvider {
  const inner = urlTemplateCallProvider({
    patientTemplate: 'https://meet.jit.si/clinic-{random}',
    agentTemplate: 'https://meet.jit.si/clinic-{random}#config.prejoinPageEnabled=false',
  });
  return {
    name: inner.name,
    createMeeting: (request) => {
      made.push(request);
      return inner.createMeeting(request);
    },
  };
}

async function post(test: TestServer, staffId: string, conversationId: string, id: string) {
  const token = await test.tokens.staff(staffId, ['agent']);
  const response = await fetch(`${test.url}/api/conversations/${conversationId}/call`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ clientMessageId: id }),
  });
  return { status: response.status, body: (await response.json()) as StartReply };
}

describe('calls started by the server with its call provider (real sockets)', () => {
  it('the assigned agent starts a call: the patient gets the offer, the agent her link', async () => {
    const made: MeetingRequest[] = [];
    const h = await setup({ followups: { callProvider: counted(made) } });
    const { patient } = await h.chatting('conv-c1');
    const staffToken = await h.test.tokens.staff('agent-1');
    const info = await fetch(`${h.test.url}/api/calls`, {
      headers: { authorization: `Bearer ${staffToken}` },
    });
    expect(await info.json()).toEqual({ provider: 'url-template' });

    // Another agent may not: refused before any meeting is made.
    const refused = await post(h.test, 'agent-2', 'conv-c1', 'call-x');
    expect(refused.status).toBe(403);
    expect(made).toHaveLength(0);

    const started = await post(h.test, 'agent-1', 'conv-c1', 'call-1');
    expect(started.status).toBe(200);
    expect(started.body.agentJoinUrl).toMatch(/#config\.prejoinPageEnabled=false$/);
    const offer = await patient.waitFor('call.offer');
    expect(offer.seq).toBe(started.body.seq);
    expect(offer.call).toEqual(started.body.call);
    expect(offer.call.joinUrl).toMatch(/^https:\/\/meet\.jit\.si\/clinic-[\w-]{22}$/);
    expect(started.body.agentJoinUrl.startsWith(offer.call.joinUrl)).toBe(true);
    expect(made).toEqual([
      expect.objectContaining({ conversationId: 'conv-c1', agentId: 'agent-1' }),
    ]);

    // A retry of the same request: the same offer, no second meeting.
    const again = await post(h.test, 'agent-1', 'conv-c1', 'call-1');
    expect(again.body.call).toEqual(started.body.call);
    expect(again.body.seq).toBe(started.body.seq);
    expect(made).toHaveLength(1);
  });

  it('without a provider: the console is told, and a start is refused (503)', async () => {
    const h = await setup();
    await h.chatting('conv-c2');
    const staffToken = await h.test.tokens.staff('agent-1');
    const info = await fetch(`${h.test.url}/api/calls`, {
      headers: { authorization: `Bearer ${staffToken}` },
    });
    expect(await info.json()).toEqual({ provider: null });
    expect((await post(h.test, 'agent-1', 'conv-c2', 'call-1')).status).toBe(503);
  });
});
