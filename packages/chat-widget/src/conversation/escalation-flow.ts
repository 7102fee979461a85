import type { Priority } from '@baton/handoff-protocol';
import { inspectAll } from '../escalation/index';
import type { DetectorInput, EscalationSignal } from '../escalation/types';
import { type ControllerCore, update } from './core';

const RANK: Record<Priority, number> = { routine: 0, urgent: 1, emergency: 2 };

/*
 * From detector hits to one handoff: emergency guidance at once, a confirmation when the
 * detector asks for one, and at most one escalation per conversation (a later, more urgent
 * signal upgrades it). The escalation sent so far is the core's `_escalated`.
 */

/** Every message either way goes past the detectors. */
export function inspect(c: ControllerCore, input: DetectorInput): void {
  const signal = inspectAll(c._options.detectors, input);
  if (signal) handle(c, signal);
}

/** The host page asks for a person (`escalate()`). */
export function hostEscalation(c: ControllerCore, reason: string | undefined, priority: Priority) {
  handle(c, {
    reason: { kind: 'host', ...(reason ? { detail: reason.slice(0, 500) } : {}) },
    priority,
  });
}

/** After a handoff ended: the patient may ask for a person again. */
export function resetEscalation(c: ControllerCore): void {
  c._escalated = null;
  update(c, { escalation: 'none', pendingSignal: undefined });
  resetDetectors(c);
}

export function confirmEscalation(c: ControllerCore, accept: boolean): void {
  const pending = c._state.pendingSignal;
  update(c, { escalation: 'none', pendingSignal: undefined });
  if (accept && pending) escalate(c, pending);
  else resetDetectors(c);
}

function resetDetectors(c: ControllerCore): void {
  for (const detector of c._options.detectors) detector.reset?.();
}

function handle(c: ControllerCore, signal: EscalationSignal): void {
  if (signal.emergencyNumber) update(c, { emergencyNumber: signal.emergencyNumber });
  const previous = c._escalated;
  if (previous && RANK[signal.priority] <= RANK[previous.priority]) return;
  if (signal.confirm && !previous) {
    update(c, { escalation: 'confirming', pendingSignal: signal });
    return;
  }
  escalate(c, signal);
}

function escalate(c: ControllerCore, signal: EscalationSignal): void {
  c._escalated = signal;
  update(c, { escalation: 'requested', pendingSignal: undefined });
  c._events.emit('escalate', signal);
}
