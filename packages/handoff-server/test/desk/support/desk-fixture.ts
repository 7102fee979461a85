import {
  type AgentInfo,
  agentMessage,
  patientMessage,
  type ServerToAgent,
  type ServerToPatient,
} from '@baton/handoff-protocol';
import type { AdapterFixture } from '../../../src/adapters/conformance';
import type { AdapterHost, HandoffAdapter } from '../../../src/adapters/contract';
import { issueStaffToken } from '../../../src/auth/issue';
import type { ConversationStore } from '../../../src/storage/contract';
import { MemoryConversationStore } from '../../../src/storage/memory';
import { handoffRequestFrame } from '../../support/frames';
import {
  connectAgent,
  connectPatient,
  type FrameClient,
  STAFF_ISSUER,
  startTestServer,
  testSecrets,
} from '../../support/server';

type Patient = FrameClient<ServerToPatient>;
type Agent = FrameClient<ServerToAgent>;

/** The `ws` WebSocket under an engine.io connection (client or server side), if any. */
function rawWebSocket(connection: unknown): { readyState: number } | undefined {
  const transport = (connection as { transport?: { ws?: unknown; socket?: unknown } }).transport;
  const ws = transport?.ws ?? transport?.socket;
  return typeof (ws as { readyState?: unknown })?.readyState === 'number'
    ? (ws as { readyState: number })
    : undefined;
}

const LIVE = new Set(['handoff_requested', 'queued', 'assigned']);

/**
 * Reports go to the suite's host first (the judge: it records them and refuses what the
 * engine must refuse), then to the real engine, which commits them. The desk gets the
 * engine's answer (e.g. the `seq` of an agent message, which becomes the agent's ack).
 */
function judgedHost(judge: AdapterHost, engine: AdapterHost): AdapterHost {
  return {
    log: judge.log,
    async queued(id, status) {
      await judge.queued(id, status);
      await engine.queued(id, status);
    },
    async agentJoined(id, agent) {
      await judge.agentJoined(id, agent);
      await engine.agentJoined(id, agent);
    },
    async agentMessage(id, message) {
      await judge.agentMessage(id, message);
      return engine.agentMessage(id, message);
    },
    agentTyping(id, active) {
      judge.agentTyping(id, active);
      engine.agentTyping(id, active);
    },
    agentRead(id, upToSeq) {
      judge.agentRead(id, upToSeq);
      engine.agentRead(id, upToSeq);
    },
    async ended(id, reason) {
      await judge.ended(id, reason);
      await engine.ended(id, reason);
    },
    async failed(id, failure) {
      await judge.failed(id, failure);
      await engine.failed(id, failure);
    },
    async returnToBot(id) {
      await judge.returnToBot(id);
      await engine.returnToBot(id);
    },
    async transferred(id, to) {
      await judge.transferred(id, to);
      await engine.transferred(id, to);
    },
  };
}

/**
 * Sends `frame` and waits for the first answer about it: a frame `isAnswer` accepts, or an
 * `error` frame for the same conversation (rejects). Bounded; leaves no timer behind.
 */
function request<F extends ServerToAgent | ServerToPatient>(
  client: FrameClient<F>,
  frame: { conversationId: string },
  isAnswer: (f: F) => boolean,
  timeoutMs = 5000,
): Promise<F> {
  return new Promise<F>((resolve, reject) => {
    const onFrame = (f: F) => {
      const isError = f.type === 'error' && f.conversationId === frame.conversationId;
      if (!isError && !isAnswer(f)) return;
      clearTimeout(timer);
      client.socket.off('frame', onFrame);
      if (isError) reject(new Error(`refused: ${(f as { code?: string }).code ?? 'error'}`));
      else resolve(f);
    };
    const timer = setTimeout(() => {
      client.socket.off('frame', onFrame);
      reject(new Error('no answer in time'));
    }, timeoutMs);
    client.socket.on('frame', onFrame);
    client.send(frame);
  });
}

/**
 * The built-in desk as the conformance suite sees it. The desk's agent system is the server
 * itself (its store and the `/agent` namespace), so the desk runs inside a real server on
 * 127.0.0.1 with the suite's host put between it and the engine (`judgedHost`). The suite's
 * calls into the adapter are played for real: `handoff` and `patientMessage` by a patient over
 * socket.io (the engine then calls the desk), `conversationClosed` by the patient leaving,
 * `stop` by shutting the server down. The agent side is real agents over socket.io: claim and
 * open (as the console does), message, end. The desk cannot refuse a handoff: no `refuse`.
 */
export async function createDeskFixture(
  /** The desk under test, built on the server's store (default: the server builds its own). */
  createDesk?: (store: ConversationStore) => HandoffAdapter,
): Promise<AdapterFixture> {
  const secrets = testSecrets();
  const store = new MemoryConversationStore();
  const given = createDesk?.(store);
  const test = await startTestServer({ store, secrets, ...(given ? { adapter: given } : {}) });
  const { server } = test;
  const desk = server.desk;
  if (given && (desk !== given || server.adapter !== given))
    throw new Error('the server did not take the desk it was given');
  const patients = new Map<string, Patient>();
  const agents = new Map<string, Promise<Agent>>();
  const holders = new Map<string, string>();
  let closed: Promise<void> | undefined;

  const agentClient = (agent: AgentInfo): Promise<Agent> => {
    let client = agents.get(agent.id);
    if (!client) {
      client = issueStaffToken(
        {
          staffId: agent.id,
          displayName: agent.displayName,
          roles: ['agent'],
          queues: ['general'],
        },
        { signing: { kind: 'secret', secret: secrets.staff }, ...STAFF_ISSUER },
      ).then((token) => connectAgent(test.url, token));
      agents.set(agent.id, client);
    }
    return client;
  };
  const holder = async (conversationId: string): Promise<Agent> => {
    const agentId = holders.get(conversationId);
    const client = agentId ? agents.get(agentId) : undefined;
    if (!client) throw new Error('no agent holds this conversation');
    return client;
  };
  const shutDown = () => {
    closed ??= (async () => {
      const clients: { socket: Patient['socket']; close(): void }[] = [...patients.values()];
      for (const agent of agents.values()) clients.push(await agent);
      // Both ends' WebSockets, to wait for their closing handshakes (ws arms a timer for it).
      const serverSide = [
        ...server.io.of('/patient').sockets.values(),
        ...server.io.of('/agent').sockets.values(),
      ];
      const sockets = [
        ...clients.map((c) => rawWebSocket(c.socket.io.engine)),
        ...serverSide.map((s) => rawWebSocket(s.conn)),
      ];
      for (const client of clients) client.close();
      await test.close();
      for (let i = 0; i < 400 && sockets.some((ws) => ws && ws.readyState !== 3); i += 1)
        await new Promise((resolve) => setTimeout(resolve, 5));
    })();
    return closed;
  };

  const adapter: HandoffAdapter = {
    name: desk.name,
    async start(host) {
      await desk.start(judgedHost(host, server.engine.host));
    },
    async handoff({ conversationId, request: handoffRequest }) {
      const token = await test.tokens.patient(handoffRequest.patient.patientId);
      const patient = await connectPatient(test.url, token);
      patients.set(conversationId, patient);
      const frame = handoffRequestFrame(conversationId, `req-${conversationId}`, handoffRequest);
      await request(patient, frame, (f) => f.type === 'ack');
      await patient.waitFor('handoff.queued');
    },
    async patientMessage(conversationId, message) {
      const patient = patients.get(conversationId);
      if (!patient) throw new Error('unknown conversation');
      const clientMessageId = `m-${message.seq}`;
      const frame = patientMessage('message', {
        conversationId,
        clientMessageId,
        text: message.text,
        ...(message.textFormat ? { textFormat: message.textFormat } : {}),
      });
      await request(
        patient,
        frame,
        (f) => f.type === 'ack' && f.clientMessageId === clientMessageId,
      );
    },
    async conversationClosed(conversationId) {
      const conversation = await test.store.getConversation(conversationId);
      const patient = patients.get(conversationId);
      if (!conversation || !patient || !LIVE.has(conversation.state)) return;
      patient.send(patientMessage('leave', { conversationId }));
      await patient.waitFor('handoff.ended');
    },
    stop: shutDown,
  };

  return {
    adapter,
    agentSide: {
      async accept(conversationId, agent) {
        const client = await agentClient(agent);
        await request(
          client,
          agentMessage('conversation.claim', { conversationId }),
          (f) => f.type === 'conversation.assigned' && f.conversationId === conversationId,
        );
        holders.set(conversationId, agent.id);
        // The console opens what it claimed: the log holds what the patient wrote meanwhile.
        await request(
          client,
          agentMessage('conversation.open', { conversationId }),
          (f) => f.type === 'conversation.transcript' && f.conversationId === conversationId,
        );
      },
      async say(conversationId, externalId, text) {
        const client = await holder(conversationId);
        await request(
          client,
          agentMessage('message', { conversationId, clientMessageId: externalId, text }),
          (f) =>
            f.type === 'ack' &&
            f.conversationId === conversationId &&
            f.clientMessageId === externalId,
        );
      },
      async end(conversationId) {
        const client = await holder(conversationId);
        await request(
          client,
          agentMessage('conversation.end', { conversationId, reason: 'resolved' }),
          (f) =>
            f.type === 'conversation.state' &&
            f.conversationId === conversationId &&
            f.to === 'ended',
        );
      },
      async received(conversationId) {
        const bySeq = new Map<number, string>();
        for (const pending of agents.values()) {
          for (const frame of (await pending).frames) {
            if (!('conversationId' in frame) || frame.conversationId !== conversationId) continue;
            if (frame.type === 'message' && frame.from === 'patient' && frame.seq !== undefined)
              bySeq.set(frame.seq, frame.text);
            if (frame.type === 'conversation.transcript')
              for (const entry of frame.log)
                if (entry.kind === 'message' && entry.from === 'patient' && entry.text)
                  bySeq.set(entry.seq, entry.text);
          }
        }
        return [...bySeq.entries()].sort(([a], [b]) => a - b).map(([, text]) => text);
      },
    },
    cleanup: shutDown,
  };
}
