import { describe, expect, it } from 'vitest';
import { escalationDetectors, inspectAll } from './index';
import { fetchEscalationSettings, withServerSettings } from './server-settings';

const said = (text: string) => ({
  direction: 'outgoing' as const,
  locale: 'fr',
  activity: { type: 'message', text, from: { id: 'p', role: 'user' } } as never,
});

describe('escalation settings from the server', () => {
  it('adds the administrator phrases; the host page options win', () => {
    const server = {
      patientRequest: { phrases: { fr: ['un humain svp'] }, confirm: false },
      botFailure: { consecutiveFallbacks: 5 },
    };
    const merged = withServerSettings({ patientRequest: { confirm: true } }, server);
    expect(merged.patientRequest).toEqual({ phrases: { fr: ['un humain svp'] }, confirm: true });
    expect(merged.botFailure).toEqual({ consecutiveFallbacks: 5 });
    expect(withServerSettings({ redFlags: false }, { redFlags: { phrases: {} } }).redFlags).toBe(
      false,
    );
    const detectors = escalationDetectors(merged);
    expect(inspectAll(detectors, said('Un humain SVP !'))).toMatchObject({
      reason: { kind: 'patient-requested' },
      confirm: true,
    });
    expect(inspectAll(escalationDetectors(), said('un humain svp'))).toBeNull();
  });

  it('fetches them without credentials; anything but an object keeps the built-ins', async () => {
    const seen: [string, RequestInit | undefined][] = [];
    const reply = (body: unknown, status = 200) =>
      (async (url: URL, init?: RequestInit) => {
        seen.push([String(url), init]);
        return new Response(JSON.stringify(body), { status });
      }) as unknown as typeof fetch;
    expect(
      await fetchEscalationSettings('https://chat.example.org', reply({ redFlags: {} })),
    ).toEqual({ redFlags: {} });
    expect(seen[0]).toEqual([
      'https://chat.example.org/api/escalation-settings',
      { credentials: 'omit' },
    ]);
    expect(await fetchEscalationSettings('https://x.test', reply(['no']))).toBeNull();
    expect(await fetchEscalationSettings('https://x.test', reply({}, 500))).toBeNull();
    const down = (async () => {
      throw new TypeError('offline');
    }) as unknown as typeof fetch;
    expect(await fetchEscalationSettings('https://x.test', down)).toBeNull();
  });
});
