import { createId } from '@baton/handoff-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpNotifier } from '../../src/notify';
import { PostgresConversationStore } from '../../src/storage/postgres/store';
import { handoffRequestFrame } from '../support/frames';
import { testKeyRing } from '../support/keys';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';
import { eventually } from '../support/recording';
import { connectPatient, startTestServer, type TestServer, testSecrets } from '../support/server';
import { type SmtpSink, startSmtpSink } from './smtp-sink';

describe.skipIf(skipWithoutPostgres)('reminders with two server nodes on one PostgreSQL', () => {
  let postgres: TestPostgres;
  let sink: SmtpSink;
  let nodes: TestServer[] = [];

  beforeAll(async () => {
    [postgres, sink] = await Promise.all([startPostgres(), startSmtpSink()]);
    const databaseUrl = await postgres.createDatabase();
    const keyRing = testKeyRing();
    const secrets = testSecrets();
    for (const name of ['node-a', 'node-b']) {
      const store = await PostgresConversationStore.open({
        connectionString: databaseUrl,
        keyRing,
      });
      nodes.push(
        await startTestServer({
          store,
          secrets,
          followups: { reminderLeadMs: 72 * 60 * 60_000 },
          notifications: {
            notifiers: [smtpNotifier({ url: sink.url, from: 'rdv@clinic.example' })],
            owner: name,
            pollMs: 20,
          },
        }),
      );
    }
  }, 60_000);
  afterAll(async () => {
    for (const node of nodes) await node.close();
    nodes = [];
    await sink?.close();
    await postgres?.stop();
  });

  it('both nodes plan the same due reminder: exactly one e-mail', async () => {
    const [a, b] = nodes as [TestServer, TestServer];
    const patientToken = await a.tokens.patient('pat-1', undefined, {
      attributes: [{ key: 'email', value: 'pat@example.org', displayable: false, clinical: false }],
    });
    const patient = await connectPatient(a.url, patientToken);
    patient.send(handoffRequestFrame('conv-n1'));
    await patient.waitFor('handoff.queued');
    patient.close();
    const start = new Date(Date.now() + 24 * 60 * 60_000).toISOString();
    const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
    await a.store.addSlots([{ id: 'slot-n1', startsAt: start, endsAt: end }]);
    await a.store.bookSlot('slot-n1', { conversationId: 'conv-n1', patientId: 'pat-1' });
    const booking = { conversationId: 'conv-n1', patientId: 'pat-1', slotId: 'slot-n1' };
    // Each node plans it (as `recover` does after a restart), at the same moment.
    a.server.engine.followups.reminders.schedule(booking, start);
    b.server.engine.followups.reminders.schedule(booking, start);
    const sent = await eventually(async () => {
      const rows = await a.store.listDeliveries({ conversationId: 'conv-n1' });
      return rows.length === 1 && rows[0]!.status === 'sent' ? rows : null;
    }, 10_000);
    await a.server.engine.followups.reminders.idle();
    await b.server.engine.followups.reminders.idle();
    expect(sent[0]).toMatchObject({ channel: 'email', attempts: 1 });
    const mine = sink.messages.filter((m) => m.messageId?.includes(sent[0]!.id));
    expect(mine).toHaveLength(1);
    expect(sink.recipients.filter((r) => r[0] === 'pat@example.org')).toHaveLength(1);
  });

  it('two outboxes racing over 30 due rows: each sent exactly once', async () => {
    const [a] = nodes as [TestServer];
    const before = sink.messages.length;
    await a.store.createConversation({ id: 'conv-bulk', patientId: 'pat-2' });
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const id = createId();
      ids.push(id);
      await a.store.enqueueDelivery({
        id,
        key: `bulk/${i}`,
        channel: 'email',
        kind: 'appointment.reminder',
        conversationId: 'conv-bulk',
        patientId: 'pat-2',
        payload: {
          kind: 'appointment.reminder',
          conversationId: 'conv-bulk',
          patientId: 'pat-2',
          slotId: `s-${i}`,
          start: new Date(Date.now() + 86_400_000).toISOString(),
          end: new Date(Date.now() + 88_200_000).toISOString(),
          locale: 'es',
          timeZone: 'America/Mexico_City',
          email: `p${i}@example.org`,
          organization: 'Clínica',
        },
        dueAt: new Date().toISOString(),
      });
    }
    const rows = await eventually(async () => {
      const listed = await a.store.listDeliveries({ conversationId: 'conv-bulk' });
      return listed.every((d) => d.status === 'sent') ? listed : null;
    }, 15_000);
    expect(rows).toHaveLength(30);
    expect(rows.every((d) => d.attempts === 1)).toBe(true);
    const got = sink.messages.slice(before).map((m) => m.messageId);
    expect(got).toHaveLength(30);
    expect(new Set(got).size).toBe(30);
    for (const id of ids) expect(got).toContain(`<reminder-${id}@clinic.example>`);
    // Audit records follow the settles; wait for the last, then count exactly.
    await eventually(async () => {
      const audit = await a.store.queryAudit({ conversationId: 'conv-bulk' });
      return audit.filter((e) => e.action === 'notification.sent').length >= 30;
    });
    const audit = await a.store.queryAudit({ conversationId: 'conv-bulk' });
    expect(audit.filter((e) => e.action === 'notification.sent')).toHaveLength(30);
  });
});
