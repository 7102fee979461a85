import type {
  AgentInfo,
  FallbackOption,
  HandoffFailureReason,
  ServerToAgent,
  ServerToPatient,
} from '@baton/handoff-protocol';
import { afterEach } from 'vitest';
import type { AdapterHost, HandoffAdapter } from '../../src/adapters/contract';
import { handoffRequestFrame } from '../support/frames';
import {
  connectAgent,
  connectPatient,
  type FrameClient,
  startTestServer,
  type TestServer,
} from '../support/server';

/**
 * A tiny agent system for follow-up tests: it hands every conversation straight to one
 * agent, or fails it with fallbacks. It goes through the public adapter contract only, so
 * these tests do not depend on how the built-in desk routes and claims.
 */
export class DirectAdapter implements HandoffAdapter {
  readonly name = 'direct';
  host!: AdapterHost;
  agent: AgentInfo = { id: 'agent-1', displayName: 'Dana Lee' };
  failWith: { reason: HandoffFailureReason; fallbacks: FallbackOption[] } | null = null;

  async start(host: AdapterHost) {
    this.host = host;
  }
  async handoff({ conversationId }: { conversationId: string }) {
    if (this.failWith) await this.host.failed(conversationId, this.failWith);
    else await this.host.agentJoined(conversationId, this.agent);
  }
  async patientMessage() {}
  async conversationClosed() {}
  async stop() {}
}

export interface Harness {
  test: TestServer;
  adapter: DirectAdapter;
  patient(patientId?: string): Promise<FrameClient<ServerToPatient>>;
  agent(staffId?: string, roles?: ('agent' | 'supervisor')[]): Promise<FrameClient<ServerToAgent>>;
  /** A patient whose handoff went to `agent-1` (connected first, so it watches the room). */
  chatting(
    conversationId: string,
    patientId?: string,
  ): Promise<{ patient: FrameClient<ServerToPatient>; agent: FrameClient<ServerToAgent> }>;
  /** A patient whose handoff failed with these fallbacks. */
  failed(
    conversationId: string,
    fallbacks: FallbackOption[],
    patientId?: string,
  ): Promise<FrameClient<ServerToPatient>>;
}

/** Registers cleanup with `afterEach` of the calling test file. */
export function useHarness(): (
  options?: Parameters<typeof startTestServer>[0],
) => Promise<Harness> {
  let cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups = [];
  });
  return async (options = {}) => {
    const adapter = new DirectAdapter();
    const test = await startTestServer({ adapter, ...options });
    cleanups.push(() => test.close());
    const harness: Harness = {
      test,
      adapter,
      async patient(patientId = 'pat-1') {
        const client = await connectPatient(test.url, await test.tokens.patient(patientId));
        cleanups.push(() => client.close());
        return client;
      },
      async agent(staffId = 'agent-1', roles = ['agent']) {
        const client = await connectAgent(test.url, await test.tokens.staff(staffId, roles));
        cleanups.push(() => client.close());
        return client;
      },
      async chatting(conversationId, patientId = 'pat-1') {
        const agent = await harness.agent();
        const patient = await harness.patient(patientId);
        patient.send(handoffRequestFrame(conversationId));
        await patient.waitFor('agent.joined', (f) => f.conversationId === conversationId);
        await agent.waitFor('conversation.assigned', (f) => f.conversationId === conversationId);
        return { patient, agent };
      },
      async failed(conversationId, fallbacks, patientId = 'pat-1') {
        adapter.failWith = { reason: 'out-of-hours', fallbacks };
        const patient = await harness.patient(patientId);
        patient.send(handoffRequestFrame(conversationId));
        await patient.waitFor('handoff.failed', (f) => f.conversationId === conversationId);
        return patient;
      },
    };
    return harness;
  };
}

/** An ISO instant `hours` from now. */
export const hoursFromNow = (hours: number) =>
  new Date(Date.now() + hours * 60 * 60_000).toISOString();
