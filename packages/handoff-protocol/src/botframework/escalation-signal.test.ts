import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectEscalationSignal } from './escalation-signal';

const escalate = { type: 'Escalate', context: { BotHandoffTopic: 'CreditCard' } };
const reason = (detail: string) => ({ kind: 'bot-initiated', detail });

describe('detectEscalationSignal', () => {
  it('reads channelData.tags as a JSON string, an object, or an array', () => {
    const forms: unknown[] = [
      JSON.stringify(escalate),
      escalate,
      [{ type: 'Other' }, escalate],
      [JSON.stringify(escalate)],
      JSON.stringify([escalate]),
      { type: 'escalate' },
    ];
    for (const tags of forms) {
      expect(detectEscalationSignal({ type: 'message', channelData: { tags } })).toEqual(
        reason('omnichannel-escalate-tag'),
      );
    }
  });

  it('ignores other tag types, broken JSON and tags when switched off', () => {
    const nots: unknown[] = [
      JSON.stringify({ type: 'EndConversation' }),
      '{"type":"Escalate"',
      'Escalate',
      { type: ['Escalate'] },
      [[[[escalate]]]],
      42,
      null,
    ];
    for (const tags of nots) {
      expect(detectEscalationSignal({ type: 'message', channelData: { tags } })).toBeNull();
    }
    expect(
      detectEscalationSignal({ channelData: { tags: escalate } }, { omnichannelTags: false }),
    ).toBeNull();
  });

  it('recognises configured event names and channelData markers', () => {
    const options = { eventNames: ['HealthBot/handoff'], channelDataMarkers: ['needsHuman', 'x'] };
    expect(detectEscalationSignal({ type: 'event', name: 'handoff.initiate' })).toEqual(
      reason('handoff.initiate'),
    );
    expect(detectEscalationSignal({ type: 'event', name: 'HealthBot/handoff' }, options)).toEqual(
      reason('event:HealthBot/handoff'),
    );
    expect(
      detectEscalationSignal({ type: 'message', name: 'HealthBot/handoff' }, options),
    ).toBeNull();
    expect(detectEscalationSignal({ type: 'event', name: 'HealthBot/handoff' })).toBeNull();
    expect(
      detectEscalationSignal({ type: 'message', channelData: { needsHuman: true } }, options),
    ).toEqual(reason('channelData:needsHuman'));
    expect(
      detectEscalationSignal(
        { type: 'message', channelData: { x: { topic: 'billing' } } },
        options,
      ),
    ).toEqual(reason('channelData:x'));
    for (const off of [false, 0, '', 'false', null, undefined]) {
      expect(detectEscalationSignal({ channelData: { needsHuman: off } }, options)).toBeNull();
    }
  });

  it('does not read inherited channelData members', () => {
    const channelData = Object.create({ needsHuman: true, tags: escalate });
    expect(
      detectEscalationSignal({ channelData }, { channelDataMarkers: ['needsHuman'] }),
    ).toBeNull();
    expect(
      detectEscalationSignal({ channelData: {} }, { channelDataMarkers: ['toString'] }),
    ).toBeNull();
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true }), (junk) => {
        const found = detectEscalationSignal(junk, {
          channelDataMarkers: ['a'],
          eventNames: ['b'],
        });
        expect(found === null || found.kind === 'bot-initiated').toBe(true);
      }),
    );
    const hostile = {
      get type(): string {
        throw new Error('boom');
      },
    };
    expect(detectEscalationSignal(hostile)).toBeNull();
  });
});
