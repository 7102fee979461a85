import { describe, expect, it } from 'vitest';
import type { Activity } from '../directline/activity';
import {
  botFailureDetector,
  botInitiatedDetector,
  emergencyNumberFor,
  escalationDetectors,
  inspectAll,
  normalizeText,
  patientRequestDetector,
  redFlagDetector,
} from './index';
import type { DetectorInput } from './types';

const patient = (text: string, locale = 'en'): DetectorInput => ({
  direction: 'outgoing',
  activity: { type: 'message', text },
  locale,
});
const bot = (activity: Partial<Activity> & { type: string }, locale = 'en'): DetectorInput => ({
  direction: 'incoming',
  activity,
  locale,
});

describe('normalizeText', () => {
  it('drops accents, case and punctuation', () => {
    expect(normalizeText("Parler à QUELQU'UN !")).toBe('parler a quelqu un');
    expect(normalizeText('¿Hablar con   alguien?')).toBe('hablar con alguien');
  });
});

describe('bot-initiated detector', () => {
  const detector = botInitiatedDetector({ channelDataMarkers: ['needsHuman'] });

  it('fires on handoff.initiate with the priority from the handoff context', () => {
    const signal = detector.inspect(
      bot({ type: 'event', name: 'handoff.initiate', value: { priority: 'urgent' } }),
    );
    expect(signal).toEqual({
      reason: { kind: 'bot-initiated', detail: 'handoff.initiate' },
      priority: 'urgent',
    });
  });

  it('says the patient asked when the bot hands over on her request (its context’s reason)', () => {
    // The Direct Line emulator's Health Bot simulator, the patient having typed "agent".
    const relayed = (reason: unknown) =>
      detector.inspect(bot({ type: 'event', name: 'handoff.initiate', value: { reason } }))?.reason;
    expect(relayed('patient-request')).toEqual({
      kind: 'patient-requested',
      detail: 'handoff.initiate',
    });
    expect(relayed('patient-requested')?.kind).toBe('patient-requested');
    for (const other of ['scenario-end', undefined, { kind: 'patient-request' }])
      expect(relayed(other)?.kind).toBe('bot-initiated');
  });

  it('understands Omnichannel Escalate tags as a JSON string, an object or a list', () => {
    for (const tags of ['{"type":"Escalate","context":{}}', { type: 'escalate' }, ['Escalate']]) {
      expect(
        detector.inspect(bot({ type: 'message', text: 'x', channelData: { tags } }))?.reason,
      ).toEqual({ kind: 'bot-initiated', detail: 'omnichannel-escalate-tag' });
    }
    expect(
      detector.inspect(bot({ type: 'message', channelData: { tags: '{"type":"Other"}' } })),
    ).toBeNull();
  });

  it('fires on configured channelData markers and the default baton.escalate event', () => {
    expect(
      detector.inspect(bot({ type: 'message', channelData: { needsHuman: true } }))?.reason.detail,
    ).toBe('channelData.needsHuman');
    expect(detector.inspect(bot({ type: 'event', name: 'baton.escalate' }))).not.toBeNull();
  });

  it('maps other priority words (normal, high, critical)', () => {
    const priority = (value: string) =>
      detector.inspect(bot({ type: 'event', name: 'handoff.initiate', value: { priority: value } }))
        ?.priority;
    expect([priority('normal'), priority('HIGH'), priority('critical'), priority('bogus')]).toEqual(
      ['routine', 'urgent', 'emergency', 'routine'],
    );
  });

  it('ignores the patient and unrelated events', () => {
    expect(
      detector.inspect({
        direction: 'outgoing',
        activity: { type: 'event', name: 'handoff.initiate' },
        locale: 'en',
      }),
    ).toBeNull();
    expect(detector.inspect(bot({ type: 'event', name: 'other' }))).toBeNull();
    expect(
      botInitiatedDetector({ eventNames: ['x'] }).inspect(
        bot({ type: 'event', name: 'handoff.initiate' }),
      ),
    ).toBeNull();
  });
});

describe('patient-request detector', () => {
  const detector = patientRequestDetector();
  it.each([
    ['I want to talk to a person please', 'en'],
    ['Can I speak to a HUMAN?', 'en'],
    ["Je voudrais parler à quelqu'un", 'fr'],
    ['je veux parler a une personne', 'fr'],
    ['Quiero hablar con una persona', 'es'],
  ])('asks for confirmation on "%s"', (text, locale) => {
    const signal = detector.inspect(patient(text, locale));
    expect(signal?.reason.kind).toBe('patient-requested');
    expect(signal?.confirm).toBe(true);
    expect(signal?.priority).toBe('routine');
  });

  it('does not fire on ordinary text or on bot messages', () => {
    expect(detector.inspect(patient('I have a headache'))).toBeNull();
    expect(detector.inspect(patient('personality test'))).toBeNull();
    expect(detector.inspect(bot({ type: 'message', text: 'talk to a person' }))).toBeNull();
  });

  it('takes custom phrase lists and can skip the confirmation', () => {
    const custom = patientRequestDetector({
      phrases: { de: ['mit einem Menschen sprechen'] },
      confirm: false,
    });
    expect(custom.inspect(patient('Ich möchte mit einem Menschen sprechen'))?.confirm).toBe(false);
    expect(custom.inspect(patient('talk to a person'))).toBeNull();
  });
});

describe('red-flag detector', () => {
  const detector = redFlagDetector({ emergencyNumbers: { 'en-GB': '999', fr: '15' } });
  it.each([
    ['I have chest pain', 'en-US', '911'],
    ["I can't breathe", 'en-GB', '999'],
    "J'ai une douleur thoracique|fr|15".split('|') as [string, string, string],
    ['Tengo dolor en el pecho', 'es', '112'],
    ['quiero morir', 'es-MX', '911'],
  ])('fires at emergency priority on "%s" (%s → %s)', (text, locale, number) => {
    const signal = detector.inspect(patient(text, locale));
    expect(signal).toMatchObject({
      priority: 'emergency',
      emergencyNumber: number,
      reason: { kind: 'urgent' },
    });
    expect(signal?.confirm).toBeUndefined();
  });

  it('does not fire on ordinary text', () => {
    expect(detector.inspect(patient('I need to book a vaccination'))).toBeNull();
  });

  it('falls back to the default emergency number', () => {
    expect(emergencyNumberFor('de-DE')).toBe('112');
  });
});

describe('bot-failure detector', () => {
  it('fires after N consecutive fallbacks, and a good answer resets the count', () => {
    const detector = botFailureDetector({ consecutiveFallbacks: 2 });
    const fallback = bot({ type: 'message', text: "Sorry, I didn't understand." });
    expect(detector.inspect(fallback)).toBeNull();
    expect(
      detector.inspect(bot({ type: 'message', text: 'Here are our opening hours.' })),
    ).toBeNull();
    expect(detector.inspect(fallback)).toBeNull();
    expect(detector.inspect(fallback)?.reason).toEqual({
      kind: 'bot-failure',
      detail: '2 consecutive fallbacks',
    });
  });

  it('matches configured patterns (French and Spanish built in)', () => {
    const detector = botFailureDetector({
      consecutiveFallbacks: 1,
      fallbackPatterns: [/^\?\?\?$/],
      fallbackPhrases: {},
    });
    expect(detector.inspect(bot({ type: 'message', text: '???' }))).not.toBeNull();
    expect(
      botFailureDetector({ consecutiveFallbacks: 1 }).inspect(
        bot({ type: 'message', text: "Je n'ai pas compris." }),
      ),
    ).not.toBeNull();
    expect(
      botFailureDetector({ consecutiveFallbacks: 1 }).inspect(
        bot({ type: 'message', text: 'No entendí' }),
      ),
    ).not.toBeNull();
  });

  it('fires when the patient repeats the same question', () => {
    const detector = botFailureDetector({ repeatedQuestions: 3 });
    expect(detector.inspect(patient('When is the clinic open?'))).toBeNull();
    expect(detector.inspect(patient('when is the clinic open'))).toBeNull();
    expect(detector.inspect(patient('When is the clinic open??'))?.reason.detail).toBe(
      'same question 3 times',
    );
    detector.reset?.();
    expect(detector.inspect(patient('When is the clinic open?'))).toBeNull();
  });
});

describe('escalationDetectors', () => {
  it('keeps the most urgent signal and can switch detectors off', () => {
    const all = escalationDetectors();
    const signal = inspectAll(all, patient('talk to a person, I have chest pain'));
    expect(signal?.priority).toBe('emergency');
    const none = escalationDetectors({
      redFlags: false,
      patientRequest: false,
      botFailure: false,
      botInitiated: false,
    });
    expect(inspectAll(none, patient('chest pain'))).toBeNull();
  });

  it('runs custom detectors', () => {
    const detectors = escalationDetectors({
      custom: [{ name: 'vip', inspect: () => ({ reason: { kind: 'host' }, priority: 'urgent' }) }],
    });
    expect(inspectAll(detectors, patient('hello'))?.priority).toBe('urgent');
  });
});
