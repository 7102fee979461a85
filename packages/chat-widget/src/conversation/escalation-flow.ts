import type { Priority } from '@baton/handoff-protocol';
import { inspectAll } from '../escalation/index';
import type { DetectorInput, EscalationDetector, EscalationSignal } from '../escalation/types';
import type { ChatState } from './state';

interface FlowHooks {
  update(patch: Partial<ChatState>): void;
  state(): ChatState;
  signal(signal: EscalationSignal): void;
  detectors: readonly EscalationDetector[];
}

const RANK: Record<Priority, number> = { routine: 0, urgent: 1, emergency: 2 };

/**
 * From detector hits to one handoff: emergency guidance at once, a confirmation when the
 * detector asks for one, and at most one escalation per conversation (a later, more urgent
 * signal upgrades it).
 */
export class EscalationFlow {
  #escalated: EscalationSignal | null = null;

  constructor(private readonly hooks: FlowHooks) {}

  inspect(input: DetectorInput): void {
    const signal = inspectAll(this.hooks.detectors, input);
    if (signal) this.#handle(signal);
  }

  host(reason: string | undefined, priority: Priority): void {
    this.#handle({
      reason: { kind: 'host', ...(reason ? { detail: reason.slice(0, 500) } : {}) },
      priority,
    });
  }

  /** After a handoff ended: the patient may ask for a person again. */
  reset(): void {
    this.#escalated = null;
    this.hooks.update({ escalation: 'none', pendingSignal: undefined });
    for (const detector of this.hooks.detectors) detector.reset?.();
  }

  confirm(accept: boolean): void {
    const pending = this.hooks.state().pendingSignal;
    this.hooks.update({ escalation: 'none', pendingSignal: undefined });
    if (accept && pending) this.#escalate(pending);
    else for (const detector of this.hooks.detectors) detector.reset?.();
  }

  #handle(signal: EscalationSignal): void {
    if (signal.emergencyNumber) this.hooks.update({ emergencyNumber: signal.emergencyNumber });
    const previous = this.#escalated;
    if (previous && RANK[signal.priority] <= RANK[previous.priority]) return;
    if (signal.confirm && !previous) {
      this.hooks.update({ escalation: 'confirming', pendingSignal: signal });
      return;
    }
    this.#escalate(signal);
  }

  #escalate(signal: EscalationSignal): void {
    this.#escalated = signal;
    this.hooks.update({ escalation: 'requested', pendingSignal: undefined });
    this.hooks.signal(signal);
  }
}
