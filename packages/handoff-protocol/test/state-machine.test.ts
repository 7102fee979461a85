import { describe, expect, it } from 'vitest';
import {
  allowedEvents,
  BatonProtocolError,
  CONVERSATION_EVENTS,
  CONVERSATION_TRANSITIONS,
  ConversationState,
  isTerminal,
  TERMINAL_STATES,
  transition,
} from '../src/index';

const states = ConversationState.options;
const table = CONVERSATION_TRANSITIONS as Record<string, Record<string, string>>;

describe('conversation state machine', () => {
  it('has a row for every state and only known events and states in it', () => {
    expect(Object.keys(table).sort()).toEqual([...states].sort());
    for (const row of Object.values(table)) {
      for (const [event, next] of Object.entries(row)) {
        expect(CONVERSATION_EVENTS).toContain(event);
        expect(states).toContain(next);
      }
    }
  });

  it('lists exactly the states without outgoing transitions as terminal', () => {
    expect([...TERMINAL_STATES].sort()).toEqual(['abandoned', 'ended', 'expired', 'failed']);
    for (const state of states) expect(isTerminal(state)).toBe(allowedEvents(state).length === 0);
  });

  // Every (state, event) pair, generated from the two lists: legal ones move to the table's
  // next state, every other pair is refused with `illegal_transition`.
  const pairs = states.flatMap((state) =>
    CONVERSATION_EVENTS.map((event) => [state, event] as const),
  );
  const legal = pairs.filter(([state, event]) => Object.hasOwn(table[state]!, event));
  const illegal = pairs.filter(([state, event]) => !Object.hasOwn(table[state]!, event));

  it('covers all pairs', () => {
    expect(pairs).toHaveLength(states.length * CONVERSATION_EVENTS.length);
    expect(legal.length + illegal.length).toBe(pairs.length);
    expect(legal).toHaveLength(19);
  });

  it.each(legal)('%s --%s--> allowed', (state, event) => {
    const result = transition(state, event);
    expect(result).toEqual({ ok: true, from: state, event, to: table[state]![event] });
  });

  it.each(illegal)('%s --%s--> illegal_transition', (state, event) => {
    const result = transition(state, event);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(BatonProtocolError.is(result.error)).toBe(true);
    expect(result.error.code).toBe('illegal_transition');
    expect(result.error.details).toEqual({ state, event });
  });

  it('refuses made-up states and events without throwing', () => {
    const bogusState = transition('__proto__' as ConversationState, 'request');
    const bogusEvent = transition('bot', 'toString' as never);
    expect(bogusState.ok).toBe(false);
    expect(bogusEvent.ok).toBe(false);
  });

  it('pins the error text', () => {
    const result = transition('ended', 'assign');
    expect(result.ok ? null : result.error.message).toMatchInlineSnapshot(
      `"Illegal transition: "assign" is not allowed in state "ended""`,
    );
  });

  it('reaches every state from bot', () => {
    const seen = new Set<string>(['bot']);
    const frontier = ['bot'];
    while (frontier.length > 0) {
      const state = frontier.pop()!;
      for (const next of Object.values(table[state]!)) {
        if (!seen.has(next)) {
          seen.add(next);
          frontier.push(next);
        }
      }
    }
    expect([...seen].sort()).toEqual([...states].sort());
  });
});
