import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DirectLineEmulator, startDirectLineEmulator } from '../src/index.js';
import { patient, texts } from './support/patient.js';
import { StreamRecorder, type Wire } from './support/raw.js';

// The Health Bot simulator with the shipped default scenarios.
const patientKey = 'portal-signing-key-for-tests-0123456789';
let emulator: DirectLineEmulator;
let everyWay: DirectLineEmulator;

beforeAll(async () => {
  emulator = await startDirectLineEmulator({ patientTokenKey: patientKey });
  everyWay = await startDirectLineEmulator({
    escalateVia: ['all'],
    customEscalationEvent: 'portal.escalate',
  });
});
afterAll(async () => {
  await emulator.close();
  await everyWay.close();
});

function patientJwt(claims: Record<string, unknown>, key = patientKey) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(key));
}

describe('InitConversation', () => {
  it('verifies the patient JWT and greets by name with suggested actions', async () => {
    const p = await patient(emulator);
    const replies = await p.init({
      jsonWebToken: await patientJwt({ userId: 'p-1', userName: 'Ana' }),
    });
    expect(texts(replies)[0]).toMatch(/^Hello Ana!/);
    const menu = replies.find((a) => a.suggestedActions);
    expect(menu.suggestedActions.actions.map((a: Wire) => a.title)).toContain('Talk to an agent');
    expect(replies.every((a) => a.textFormat === 'markdown' || a.type !== 'message')).toBe(true);
  });

  it('refuses a JWT signed with another key', async () => {
    const p = await patient(emulator);
    const replies = await p.init({
      jsonWebToken: await patientJwt({ userId: 'p-1' }, 'another-key-another-key-another'),
    });
    expect(texts(replies)).toEqual([expect.stringMatching(/could not verify your identity/)]);
  });

  it('starts the triggered scenario and speaks French', async () => {
    const p = await patient(emulator, 'fr-FR');
    const replies = await p.init({
      jsonWebToken: await patientJwt({ userId: 'p-2' }),
      triggeredScenario: { trigger: 'appointment', args: {} },
    });
    const hero = replies.find(
      (a) => a.attachments?.[0]?.contentType === 'application/vnd.microsoft.card.hero',
    );
    expect(hero.attachments[0].content).toMatchObject({
      title: 'Rendez-vous',
      buttons: expect.arrayContaining([expect.objectContaining({ title: 'Prendre rendez-vous' })]),
    });
    expect(texts(await p.say('prendre rendez-vous'))).toEqual(['Quel jour vous convient ?']);
    expect(texts(await p.say('Mercredi'))[0]).toContain('**Mercredi**');
  });
});

describe('scenarios', () => {
  it('walks the symptom triage: choices, an Adaptive Card with inputs, advice, location, hero card', async () => {
    const p = await patient(emulator);
    await p.init({ jsonWebToken: await patientJwt({ userId: 'p-3', userName: 'Sam' }) });
    expect(texts(await p.say('Check my symptoms'))).toEqual([
      expect.stringMatching(/main symptom/),
    ]);
    const cardTurn = await p.say('Fever');
    const card = cardTurn[0].attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.body.map((b: Wire) => b.id).filter(Boolean)).toEqual([
      'age',
      'duration',
      'worsening',
    ]);
    expect(texts(await p.send({ type: 'message', value: { age: 41 } }))).toEqual([
      expect.stringMatching(/fill in the card/),
    ]);
    const advice = await p.send({
      type: 'message',
      value: { age: 41, duration: 'short', worsening: 'no' },
    });
    expect(texts(advice)[0]).toMatch(/\*\*rest, drink fluids\*\*/);
    expect(advice.find((a) => a.type === 'event')).toMatchObject({ name: 'shareLocationEvent' });
    const nearby = await p.send({
      type: 'message',
      value: JSON.stringify({ lat: 45.5, long: -73.6 }),
    });
    expect(nearby[0].attachments[0].content.title).toBe('Riverside Walk-in Clinic');
  });

  it("answers what it doesn't understand with the fallback", async () => {
    const p = await patient(emulator);
    await p.say('hello');
    expect(texts(await p.say('purple elephants'))).toEqual([
      expect.stringMatching(/didn't understand/),
    ]);
  });

  it('answers in the language of each message: Spanish after an English start, then French', async () => {
    const p = await patient(emulator);
    expect(texts(await p.init({}))[0]).toMatch(/^Hello/);
    // The patient picked Español in the widget's menu: the next message carries `es-ES`.
    expect(texts(await p.send({ type: 'message', text: 'morado', locale: 'es-ES' }))[0]).toMatch(
      /^Lo siento, no le he entendido/,
    );
    const card = (await p.send({ type: 'message', text: 'una cita', locale: 'es' })).flatMap(
      (a) => (a.attachments as { content: { title?: string } }[] | undefined) ?? [],
    );
    expect(card[0]?.content.title).toBe('Citas');
    expect(texts(await p.send({ type: 'message', text: 'violet', locale: 'fr-FR' }))[0]).toMatch(
      /^Désolé, je n’ai pas compris/,
    );
    expect(texts(await p.say('purple elephants'))[0]).toMatch(/didn't understand/);
  });

  it('interrupts any scenario on an emergency phrase, with emergency guidance and escalation', async () => {
    const p = await patient(emulator);
    await p.say('I have a fever');
    const replies = await p.say('now I have chest pain');
    expect(texts(replies)[0]).toMatch(/Call 911/);
    const handoff = replies.find((a) => a.name === 'handoff.initiate');
    expect(handoff.value).toMatchObject({
      reason: 'emergency',
      priority: 'emergency',
      scenarioId: 'emergency',
    });
  });

  it('streams typing indicators before replies', async () => {
    const p = await patient(emulator);
    const stream = new StreamRecorder(p.streamUrl);
    try {
      await stream.opened();
      await p.say('appointment');
      await stream.until(() => stream.activities.find((a) => a.attachments));
      const kinds = stream.activities.filter((a) => a.from.id === 'healthbot').map((a) => a.type);
      expect(kinds.slice(-2)).toEqual(['typing', 'message']);
    } finally {
      stream.close();
    }
  });
});

describe('escalation', () => {
  it('escalates when the patient types "agent", with handoff.initiate carrying the transcript', async () => {
    const p = await patient(emulator);
    const jwt = await patientJwt({ userId: 'p-4' });
    await p.init({ jsonWebToken: jwt });
    await p.say('billing question');
    const replies = await p.say('agent');
    expect(texts(replies)).toEqual(['Let me connect you with a member of our care team.']);
    const handoff = replies.find((a) => a.name === 'handoff.initiate');
    expect(handoff.value).toMatchObject({ reason: 'patient-request', priority: 'normal' });
    const transcript = handoff.attachments[0];
    expect(transcript).toMatchObject({ contentType: 'application/json', name: 'Transcript' });
    expect(transcript.content.activities.map((a: Wire) => a.text)).toContain('billing question');
    expect(transcript.content.activities.every((a: Wire) => a.type === 'message')).toBe(true);
    expect(JSON.stringify(transcript)).not.toContain(jwt);
  });

  it('escalates a disputed bill with an Omnichannel Escalate tag', async () => {
    const p = await patient(emulator);
    await p.say('I have a question about my bill');
    const replies = await p.say("A charge I don't recognise");
    expect(replies).toHaveLength(1);
    const tags = JSON.parse(replies[0].channelData.tags);
    expect(tags).toMatchObject({ type: 'Escalate', context: { reason: 'billing-dispute' } });
  });

  it('signals every way at once when configured: message, tag, handoff.initiate, custom event (French)', async () => {
    const p = await patient(everyWay, 'fr-CA');
    expect(texts(await p.init({}))[0]).toMatch(/^Bonjour Pat !/);
    const replies = await p.say('je veux parler à un conseiller');
    const names = replies.map((a) => a.name ?? (a.channelData ? 'tag' : a.type));
    expect(names).toEqual(['handoff.initiate', 'tag', 'portal.escalate']);
    expect(replies[1].text).toBe('Je vous mets en relation avec un membre de notre équipe.');
  });
});
