import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentMessage, patientMessage, type ServerToPatient } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { generateEncryptionKey } from '../../src/storage/crypto';
import { type ChildServer, startChildServer } from '../support/child-server';
import { handoffRequestFrame } from '../support/frames';
import {
  connectAgent,
  connectPatient,
  PATIENT_ISSUER,
  STAFF_ISSUER,
  testSecrets,
  tokensFor,
} from '../support/server';

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

describe('restart after kill -9', () => {
  it('loses and doubles nothing that was acknowledged; queued and assigned conversations carry on', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-restart-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const secrets = testSecrets();
    const tokens = tokensFor(secrets);
    const env = {
      BATON_DATA_DIR: dataDir,
      BATON_ENCRYPTION_KEYS: `k1=${generateEncryptionKey()}`,
      BATON_PATIENT_JWT_SECRET: secrets.patient,
      BATON_PATIENT_JWT_ISSUER: PATIENT_ISSUER.issuer,
      BATON_PATIENT_JWT_AUDIENCE: PATIENT_ISSUER.audience,
      BATON_AGENT_JWT_SECRET: secrets.staff,
      BATON_AGENT_JWT_ISSUER: STAFF_ISSUER.issuer,
      BATON_AGENT_JWT_AUDIENCE: STAFF_ISSUER.audience,
      BATON_RATE_LIMIT_BURST: '1000',
      BATON_LOG_LEVEL: 'info',
    };
    const first: ChildServer = await startChildServer(env);
    cleanups.push(() => first.kill('SIGKILL'));
    const clients: { close(): void }[] = [];
    cleanups.push(() => {
      for (const client of clients) client.close();
    });

    // One conversation waits in the queue, one is with an agent.
    const waiting = await connectPatient(first.url, await tokens.patient('pat-q'));
    const talking = await connectPatient(first.url, await tokens.patient('pat-a'));
    const agent = await connectAgent(first.url, await tokens.staff('agent-1'));
    clients.push(waiting, talking, agent);
    waiting.send(handoffRequestFrame('conv-queued'));
    talking.send(handoffRequestFrame('conv-assigned'));
    await waiting.waitFor('handoff.queued');
    await talking.waitFor('handoff.queued');
    agent.send(agentMessage('conversation.claim', { conversationId: 'conv-assigned' }));
    await talking.waitFor('agent.joined');

    // A burst of patient messages; the process dies in the middle of it.
    const sent = Array.from({ length: 40 }, (_, i) =>
      patientMessage('message', {
        conversationId: 'conv-assigned',
        clientMessageId: `m${i}`,
        text: `message ${i}`,
      }),
    );
    for (const frame of sent) talking.send(frame);
    await talking.waitFor('ack', (a) => a.clientMessageId === 'm5');
    await first.kill('SIGKILL');
    const sentIds = new Set(sent.map((f) => f.clientMessageId));
    const acked = new Map(
      talking
        .of('ack')
        .filter((a) => sentIds.has(a.clientMessageId))
        .map((a) => [a.clientMessageId, a.seq]),
    );
    expect(acked.size).toBeGreaterThanOrEqual(6);

    const second = await startChildServer(env);
    cleanups.push(() => second.kill('SIGKILL'));

    // The waiting patient is still in line.
    const waitingAgain = await connectPatient(second.url, await tokens.patient('pat-q'));
    clients.push(waitingAgain);
    waitingAgain.send(patientMessage('resume', { conversationId: 'conv-queued', sinceSeq: 0 }));
    expect(await waitingAgain.waitFor('resumed')).toMatchObject({
      state: 'queued',
      queue: { queue: 'cardiology', position: 1 },
    });

    // The talking patient resumes, then retries everything that was not acknowledged.
    const talkingAgain = await connectPatient(second.url, await tokens.patient('pat-a'));
    clients.push(talkingAgain);
    talkingAgain.send(patientMessage('resume', { conversationId: 'conv-assigned', sinceSeq: 0 }));
    const resumed = await talkingAgain.waitFor('resumed');
    expect(resumed.state).toBe('assigned');
    const replayed = talkingAgain.of('message').filter((m) => m.from === 'patient');
    for (const [clientMessageId, seq] of acked) {
      expect(
        replayed.filter((m) => m.clientMessageId === clientMessageId).map((m) => m.seq),
      ).toEqual([seq]);
    }
    for (const frame of sent) if (!acked.has(frame.clientMessageId)) talkingAgain.send(frame);
    for (const frame of sent) {
      if (!acked.has(frame.clientMessageId))
        await talkingAgain.waitFor(
          'ack',
          (a) => a.clientMessageId === frame.clientMessageId,
          10_000,
        );
    }

    // Exactly once, in order, for the agent too.
    const agentAgain = await connectAgent(second.url, await tokens.staff('agent-1'));
    clients.push(agentAgain);
    agentAgain.send(agentMessage('conversation.open', { conversationId: 'conv-assigned' }));
    const transcript = await agentAgain.waitFor('conversation.transcript');
    const texts = transcript.log
      .filter((e) => e.kind === 'message' && e.from === 'patient')
      .map((e) => e.text);
    expect(texts).toEqual(sent.map((f) => f.text));
    const seqs = transcript.log.map((e) => e.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));

    agentAgain.send(
      agentMessage('message', {
        conversationId: 'conv-assigned',
        clientMessageId: 'after',
        text: 'still here',
      }),
    );
    await talkingAgain.waitFor(
      'message',
      (m: Extract<ServerToPatient, { type: 'message' }>) => m.text === 'still here',
    );

    // Logs of both runs never hold message text or tokens.
    const logs = [...first.lines, ...second.lines].join('\n');
    expect(logs).not.toContain('message 1');
    expect(logs).not.toContain('still here');
    expect(logs).not.toContain(secrets.patient);
  }, 90_000);
});
