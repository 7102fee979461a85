import type { ServerToAgent, ServerToPatient } from '@baton/handoff-protocol';
import type {
  AdapterCloseReason,
  AdapterConversation,
  AdapterHost,
  AdapterPatientMessage,
  HandoffAdapter,
} from '../../src/adapters/contract';
import type { ConversationDelivery } from '../../src/engine/types';

/** Every frame the engine delivered, by audience (a stand-in for socket.io rooms). */
export class RecordingDelivery implements ConversationDelivery {
  readonly patient: { conversationId: string; frame: ServerToPatient }[] = [];
  readonly agents: { conversationId: string; frame: ServerToAgent }[] = [];
  readonly agent: { agentId: string; frame: ServerToAgent }[] = [];
  readonly watching = new Set<string>();

  toPatient(conversationId: string, frame: ServerToPatient) {
    this.patient.push({ conversationId, frame });
  }
  toAgents(conversationId: string, frame: ServerToAgent) {
    this.agents.push({ conversationId, frame });
  }
  toAgent(agentId: string, frame: ServerToAgent) {
    this.agent.push({ agentId, frame });
  }
  joinAgent(agentId: string, conversationId: string) {
    this.watching.add(`${agentId}/${conversationId}`);
  }
  leaveAgent(agentId: string, conversationId: string) {
    this.watching.delete(`${agentId}/${conversationId}`);
  }
  patientTypes(conversationId: string): string[] {
    return this.patient.filter((p) => p.conversationId === conversationId).map((p) => p.frame.type);
  }
}

/** An adapter that records every call and lets a test report through the host. */
export class RecordingAdapter implements HandoffAdapter {
  readonly name = 'recording';
  host!: AdapterHost;
  readonly calls: (
    | { call: 'handoff'; conversation: AdapterConversation }
    | { call: 'patientMessage'; conversationId: string; message: AdapterPatientMessage }
    | { call: 'conversationClosed'; conversationId: string; reason: AdapterCloseReason }
  )[] = [];
  failHandoff = false;
  stopped = false;

  async start(host: AdapterHost) {
    this.host = host;
  }
  async handoff(conversation: AdapterConversation) {
    this.calls.push({ call: 'handoff', conversation });
    if (this.failHandoff) throw new Error('agent system down');
  }
  async patientMessage(conversationId: string, message: AdapterPatientMessage) {
    this.calls.push({ call: 'patientMessage', conversationId, message });
  }
  async conversationClosed(conversationId: string, reason: AdapterCloseReason) {
    this.calls.push({ call: 'conversationClosed', conversationId, reason });
  }
  async stop() {
    this.stopped = true;
  }
}

export const silentLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/** Polls `check` until it returns a value (bounded); for state reached by async work. */
export async function eventually<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
