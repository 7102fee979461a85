import { randomUUID } from 'node:crypto';
import type { AgentInfo, HandoffRequest } from '@baton/handoff-protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdapterCloseReason, AdapterConversation } from '../contract';
import type { AdapterFixture, TestHandoffAdapterOptions } from './driver';
import { ConformanceHost } from './host';
import { trackTimers } from './timers';

/**
 * The behaviour every `HandoffAdapter` must have, as a vitest suite (like
 * socket.io-redis-adapter's `testSuite(createAdapter)`). `createAdapter` returns a fresh
 * adapter and the agent side driving it (see {@link AdapterFixture}); the suite plays the
 * server through a {@link ConformanceHost} that enforces the engine's rules.
 */
export function testHandoffAdapter(
  createAdapter: () => Promise<AdapterFixture>,
  options: TestHandoffAdapterOptions = {},
): void {
  const timeoutMs = options.timeoutMs ?? 5000;

  describe(`HandoffAdapter conformance${options.name ? `: ${options.name}` : ''}`, () => {
    let fixture: AdapterFixture;
    let created: boolean;
    let host: ConformanceHost;
    let texts: string[];
    let stopped: boolean;

    const agentA: AgentInfo = { id: 'agent-a', displayName: 'Alex Martin', initials: 'AM' };
    const agentB: AgentInfo = { id: 'agent-b', displayName: 'Brooke Diaz', title: 'Nurse' };

    /** A unique text, remembered so the suite can check it never reaches a log. */
    const text = (label: string) => {
      const value = `${label} ${randomUUID()}`;
      texts.push(value);
      return value;
    };

    const handoff = async (): Promise<string> => {
      const conversation = conversationFor(`conv-${randomUUID()}`, text('bot transcript'));
      host.open(conversation.conversationId);
      await fixture.adapter.handoff(conversation);
      return conversation.conversationId;
    };

    const close = async (conversationId: string, reason: AdapterCloseReason) => {
      host.close(conversationId, reason);
      await fixture.adapter.conversationClosed(conversationId, reason);
    };

    const patientSays = async (conversationId: string, body: string) => {
      const seq = host.nextSeq(conversationId);
      await fixture.adapter.patientMessage(conversationId, {
        seq,
        text: body,
        textFormat: 'plain',
        at: new Date().toISOString(),
      });
    };

    const joined = async (conversationId: string, agent: AgentInfo) => {
      await fixture.agentSide.accept(conversationId, agent);
      await host.waitFor(
        () => host.state(conversationId) === 'assigned',
        `agentJoined for ${conversationId}`,
        timeoutMs,
      );
      expect(host.agent(conversationId)?.id).toBe(agent.id);
    };

    const received = async (conversationId: string, count: number) => {
      const deadline = Date.now() + timeoutMs;
      let seen = await fixture.agentSide.received(conversationId);
      while (seen.length < count && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        seen = await fixture.agentSide.received(conversationId);
      }
      return seen;
    };

    beforeEach(async () => {
      texts = [];
      stopped = false;
      created = false;
      host = new ConformanceHost();
      fixture = await createAdapter();
      created = true;
      await fixture.adapter.start(host);
    });

    afterEach(async () => {
      if (!created) return; // createAdapter failed: beforeEach already reported it
      if (!stopped) await fixture.adapter.stop();
      await fixture.cleanup?.();
      expect(host.violations(), 'reports the engine would refuse').toEqual([]);
      const logged = JSON.stringify(host.logs);
      for (const secret of texts)
        expect(logged, 'message text in a log line').not.toContain(secret);
    });

    it('has a short, stable name', () => {
      expect(fixture.adapter.name).toMatch(/^[a-z][a-z0-9-]{0,31}$/);
    });

    it('reports agentJoined once the agent system accepts (queued before it, if at all)', async () => {
      const id = await handoff();
      await joined(id, agentA);
      const kinds = host.reports(id).map((report) => report.kind);
      expect(kinds.filter((kind) => kind === 'agentJoined').length).toBeGreaterThanOrEqual(1);
      expect(kinds.slice(kinds.indexOf('agentJoined')).includes('queued')).toBe(false);
    });

    it('delivers patient messages to the agent side once each, in seq order', async () => {
      const id = await handoff();
      const sent = [text('while queued 1'), text('while queued 2')];
      for (const body of sent) await patientSays(id, body);
      await joined(id, agentA);
      for (const label of ['after join 1', 'after join 2', 'after join 3']) {
        const body = text(label);
        sent.push(body);
        host.nextSeq(id); // the server's seq may skip (agent messages share the sequence)
        await patientSays(id, body);
      }
      expect(await received(id, sent.length)).toEqual(sent);
    });

    it('forwards a patient file (what it is, its signed link) once, in order with messages', async (context) => {
      const forward = fixture.adapter.patientAttachment;
      const receivedFiles = fixture.agentSide.receivedFiles;
      if (!forward || !receivedFiles) return context.skip('the adapter takes no files');
      const id = await handoff();
      await joined(id, agentA);
      const url = `https://baton.example/api/attachments/file-1?link=${randomUUID()}`;
      texts.push(url); // a link is a credential: never in a log line
      await forward.call(fixture.adapter, id, {
        seq: host.nextSeq(id),
        at: new Date().toISOString(),
        attachment: { id: 'file-1', name: 'rash.png', contentType: 'image/png', size: 48213 },
        url,
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      });
      const after = text('after the file');
      await patientSays(id, after);
      expect(await received(id, 1)).toEqual([after]);
      expect(await receivedFiles.call(fixture.agentSide, id)).toEqual([
        { name: 'rash.png', contentType: 'image/png', size: 48213, url },
      ]);
    });

    it('passes agent files through by externalId; a repeated externalId commits once', async (context) => {
      const sendFile = fixture.agentSide.sendFile;
      if (!sendFile) return context.skip('the adapter sends no files');
      const id = await handoff();
      await joined(id, agentA);
      const bytes = new TextEncoder().encode('%PDF-1.4\n% discharge advice\n');
      await sendFile.call(fixture.agentSide, id, 'file-ext-1', { name: 'advice.pdf', bytes });
      await sendFile.call(fixture.agentSide, id, 'file-ext-1', { name: 'advice.pdf', bytes });
      await host.waitFor(() => host.agentFiles(id).length >= 1, 'an agent file', timeoutMs);
      expect(host.agentFiles(id)).toEqual([
        {
          externalId: expect.stringContaining('file-ext-1'),
          name: 'advice.pdf',
          size: bytes.byteLength,
          seq: expect.any(Number),
        },
      ]);
      expect(
        host
          .reports(id)
          .filter((r) => r.kind === 'agentAttachment')
          .map((r) => r.outcome),
      ).toEqual(['applied', 'duplicate']);
    });

    it('passes agent messages through by externalId; a repeated externalId commits once', async () => {
      const id = await handoff();
      await joined(id, agentA);
      const first = text('agent says 1');
      const second = text('agent says 2');
      await fixture.agentSide.say(id, 'ext-1', first);
      await fixture.agentSide.say(id, 'ext-1', first);
      await fixture.agentSide.say(id, 'ext-2', second);
      await host.waitFor(() => host.agentMessages(id).length >= 2, 'two agent messages', timeoutMs);
      const committed = host.agentMessages(id);
      expect(committed.map((m) => [m.externalId, m.text])).toEqual([
        ['ext-1', first],
        ['ext-2', second],
      ]);
      expect(committed[0]!.seq).toBeLessThan(committed[1]!.seq);
    });

    it('reports ended when the agent ends; after conversationClosed nothing more is reported', async () => {
      const id = await handoff();
      await joined(id, agentA);
      await fixture.agentSide.end(id);
      await host.waitFor(() => host.state(id) === 'ended', 'ended', timeoutMs);
      await close(id, 'ended-by-agent');
      const before = host.reports(id).length;
      await fixture.agentSide.say(id, 'ext-late', text('too late')).catch(() => undefined);
      expect(host.reports(id).length).toBe(before);
    });

    it('conversationClosed releases a waiting conversation (the patient left)', async () => {
      const id = await handoff();
      await close(id, 'patient-left');
      await fixture.agentSide.accept(id, agentA).catch(() => undefined);
      expect(host.reports(id).filter((r) => r.kind === 'agentJoined')).toEqual([]);
      expect(host.state(id)).not.toBe('assigned');
    });

    it('reports failed when the agent system refuses the handoff', async (context) => {
      const refuse = fixture.agentSide.refuse;
      if (!refuse) return context.skip('the agent side cannot refuse');
      const id = await handoff();
      await refuse.call(fixture.agentSide, id);
      await host.waitFor(() => host.state(id) === 'failed', 'failed', timeoutMs);
      await close(id, 'failed');
    });

    it('keeps concurrent conversations apart', async () => {
      const [one, two] = await Promise.all([handoff(), handoff()]);
      await Promise.all([joined(one!, agentA), joined(two!, agentB)]);
      const forOne = text('to one');
      const forTwo = text('to two');
      await Promise.all([patientSays(one!, forOne), patientSays(two!, forTwo)]);
      const fromOne = text('from one');
      await fixture.agentSide.say(one!, 'ext-one', fromOne);
      expect(await received(one!, 1)).toEqual([forOne]);
      expect(await received(two!, 1)).toEqual([forTwo]);
      await host.waitFor(() => host.agentMessages(one!).length === 1, 'agent message', timeoutMs);
      expect(host.agentMessages(one!)[0]?.text).toBe(fromOne);
      expect(host.agentMessages(two!)).toEqual([]);
    });

    it('stops cleanly and leaves no timers behind', async () => {
      const timers = trackTimers();
      try {
        const id = await handoff();
        await joined(id, agentA);
        await patientSays(id, text('before stop'));
        await fixture.adapter.stop();
        stopped = true;
      } finally {
        timers.restore();
      }
      const deadline = Date.now() + timeoutMs;
      while (timers.pending() > 0 && Date.now() < deadline) {
        await new Promise<void>((resolve) => setTimeout(resolve, 5));
      }
      expect(timers.pending(), 'timers still pending after stop()').toBe(0);
    });
  });
}

function conversationFor(conversationId: string, transcriptText: string): AdapterConversation {
  const request: HandoffRequest = {
    reason: { kind: 'patient-requested', detail: 'conformance' },
    priority: 'routine',
    patient: { patientId: `patient-${conversationId}`, displayName: 'Pat Doe', locale: 'en' },
    transcript: {
      entries: [
        { id: 't1', from: 'bot', at: '2026-01-01T10:00:00.000Z', text: 'How can I help?' },
        { id: 't2', from: 'patient', at: '2026-01-01T10:00:05.000Z', text: transcriptText },
      ],
    },
    routing: { department: 'general', language: 'en' },
  };
  return { conversationId, request, requestedAt: new Date().toISOString() };
}
