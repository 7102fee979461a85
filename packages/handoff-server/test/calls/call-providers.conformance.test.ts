import { describe, expect, it } from 'vitest';
import { teamsCallProvider, urlTemplateCallProvider } from '../../src/calls';
import { testCallProvider } from '../../src/calls/conformance';
import { startGraphDouble } from './graph-double';

const TENANT = '909c6581-5130-43e9-88f3-fcb3582cde37';
const SECRET = 'recorded-client-secret';

testCallProvider('URL template (Jitsi)', async () => ({
  provider: urlTemplateCallProvider({ patientTemplate: 'https://meet.jit.si/clinic-{random}' }),
}));

testCallProvider('URL template (Whereby, host link for the agent)', async () => ({
  provider: urlTemplateCallProvider({
    patientTemplate: 'https://clinic.whereby.com/room-{random}?c={conversationId}',
    agentTemplate: 'https://clinic.whereby.com/room-{random}?host=1',
  }),
}));

testCallProvider('Microsoft Teams via Graph (recorded-response double)', async () => {
  const graph = await startGraphDouble({ tenantId: TENANT, clientSecret: SECRET });
  return {
    provider: teamsCallProvider({
      tenantId: TENANT,
      clientId: 'app-1',
      clientSecret: SECRET,
      organizerUserId: 'organizer@clinic.example',
      graphUrl: graph.url,
      loginUrl: graph.url,
    }),
    cleanup: graph.close,
  };
});

describe('Teams via Graph: what is sent, token reuse, refusals', () => {
  const setup = async (clientSecret = SECRET) => {
    const graph = await startGraphDouble({ tenantId: TENANT, clientSecret: SECRET });
    const provider = teamsCallProvider({
      tenantId: TENANT,
      clientId: 'app-1',
      clientSecret,
      organizerUserId: 'organizer@clinic.example',
      graphUrl: graph.url,
      loginUrl: graph.url,
    });
    return { graph, provider };
  };
  const request = () => ({
    conversationId: 'conv-1',
    agentId: 'agent-1',
    expiresAt: new Date(Date.now() + 30 * 60_000).toISOString(),
  });

  it('asks for one token, then creates meetings for the organizer with a neutral subject', async () => {
    const { graph, provider } = await setup();
    try {
      const meeting = await provider.createMeeting(request());
      await provider.createMeeting(request());
      expect(meeting.provider).toBe('teams');
      expect(meeting.patientJoinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
      const tokenCalls = graph.requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token'));
      expect(tokenCalls).toHaveLength(1);
      const created = graph.requests.filter((r) => r.path.endsWith('/onlineMeetings'));
      expect(created.map((r) => r.path)).toEqual([
        '/v1.0/users/organizer%40clinic.example/onlineMeetings',
        '/v1.0/users/organizer%40clinic.example/onlineMeetings',
      ]);
      const body = JSON.parse(created[0]!.body) as Record<string, string>;
      expect(body.subject).toBe('Patient call');
      expect(body.externalId).toBe('conv-1');
      expect(Object.keys(body).sort()).toEqual([
        'endDateTime',
        'externalId',
        'startDateTime',
        'subject',
      ]);
    } finally {
      await graph.close();
    }
  });

  it('a refused token or meeting is a typed error, no link', async () => {
    const bad = await setup('wrong-secret');
    try {
      await expect(bad.provider.createMeeting(request())).rejects.toMatchObject({
        name: 'HandoffServerError',
        code: 'call_provider_unavailable',
      });
    } finally {
      await bad.graph.close();
    }
    const { graph, provider } = await setup();
    try {
      graph.failNextMeetings(1, 403);
      await expect(provider.createMeeting(request())).rejects.toMatchObject({
        code: 'call_provider_unavailable',
        message: 'Microsoft Graph: meeting refused (403)',
      });
      // The next one goes through.
      expect((await provider.createMeeting(request())).provider).toBe('teams');
    } finally {
      await graph.close();
    }
  });

  it('refuses a template that is not https', () => {
    expect(() =>
      urlTemplateCallProvider({ patientTemplate: 'http://meet.example/{random}' }),
    ).toThrow(/https only/);
  });
});
