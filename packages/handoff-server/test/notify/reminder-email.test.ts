import { agentMessage, patientMessage, type Slot } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { issuePatientToken } from '../../src/auth/issue';
import { smtpNotifier } from '../../src/notify';
import { useHarness } from '../followups/harness';
import { handoffRequestFrame } from '../support/frames';
import { eventually } from '../support/recording';
import { connectPatient, PATIENT_ISSUER, testSecrets } from '../support/server';
import { type SmtpSink, startSmtpSink } from './smtp-sink';

const setup = useHarness();
let sink: SmtpSink | null = null;
afterEach(async () => {
  await sink?.close();
  sink = null;
});

const slot = (id: string, start: string, end: string): Slot => ({
  resourceType: 'Slot',
  id,
  status: 'free',
  start,
  end,
  schedule: { display: 'Dr. Martin, cardiology' },
});

describe('appointment reminder by e-mail (real SMTP server, real sockets)', () => {
  it('books from the chat, then one e-mail in French, Paris time, with .ics and links', async () => {
    sink = await startSmtpSink();
    const secrets = testSecrets();
    const h = await setup({
      secrets,
      // Lead time longer than the wait to the slot: the reminder is due at once.
      followups: { reminderLeadMs: 72 * 60 * 60_000 },
      notifications: {
        notifiers: [smtpNotifier({ url: sink.url, from: '"Clinique" <rdv@clinic.example>' })],
        organization: 'Clinique du Parc',
        pollMs: 50,
        linksFor: (b) => ({
          cancelUrl: `https://portal.example/appointments/${b.slotId}/cancel?sig=abc`,
          rescheduleUrl: `https://portal.example/appointments/${b.slotId}/reschedule?sig=abc`,
        }),
      },
    });
    const agent = await h.agent();
    const token = await issuePatientToken(
      {
        patientId: 'pat-fr',
        displayName: 'Camille Durand',
        locale: 'fr-FR',
        attributes: [
          { key: 'email', value: 'camille@example.org', displayable: false, clinical: false },
          { key: 'timeZone', value: 'Europe/Paris', displayable: false, clinical: false },
        ],
      },
      { signing: { kind: 'secret', secret: secrets.patient }, ...PATIENT_ISSUER },
    );
    const patient = await connectPatient(h.test.url, token);
    try {
      patient.send(handoffRequestFrame('conv-r1'));
      await patient.waitFor('agent.joined');
      // Tomorrow 09:30 UTC (within the lead time): 10:30 or 11:30 in Paris.
      const day = new Date(Date.now() + 36 * 60 * 60_000);
      day.setUTCHours(9, 30, 0, 0);
      const start = day.toISOString();
      const end = new Date(day.getTime() + 30 * 60_000).toISOString();
      const offered = [slot('slot-r1', start, end)];
      agent.send(
        agentMessage('appointment.offer', {
          conversationId: 'conv-r1',
          clientMessageId: 'ao-1',
          offer: { offerId: 'offer-1', slots: offered },
        }),
      );
      await patient.waitFor('appointment.offer');
      patient.send(
        patientMessage('appointment.select', {
          conversationId: 'conv-r1',
          clientMessageId: 'as-1',
          offerId: 'offer-1',
          slotId: 'slot-r1',
        }),
      );
      await patient.waitFor('appointment.confirmed');

      const mail = await eventually(() => sink!.messages[0], 10_000);
      expect(sink!.recipients[0]).toEqual(['camille@example.org']);
      const parisHour = new Intl.DateTimeFormat('fr-FR', {
        timeZone: 'Europe/Paris',
        hour: '2-digit',
        minute: '2-digit',
      }).format(day);
      expect(parisHour).not.toBe('09:30');
      expect(mail.subject).toMatch(/^Rappel : votre rendez-vous le /);
      expect(mail.subject).toContain(parisHour);
      expect(mail.subject).toMatch(/UTC\+[12]/);
      expect(mail.headers.get('content-language')).toBe('fr');
      expect(mail.messageId).toMatch(/^<reminder-[\w-]+@clinic\.example>$/);
      expect(mail.text).toContain('Clinique du Parc');
      expect(mail.text).toContain(
        'Changer de créneau: https://portal.example/appointments/slot-r1/reschedule?sig=abc',
      );
      expect(mail.text).toContain(
        'Annuler le rendez-vous: https://portal.example/appointments/slot-r1/cancel?sig=abc',
      );
      expect(mail.html).toContain(
        'href="https://portal.example/appointments/slot-r1/cancel?sig=abc"',
      );
      // No PHI beyond the template: no name, no slot label (a specialty), no chat text.
      for (const part of [mail.subject, mail.text, mail.html || '']) {
        expect(part).not.toContain('Camille');
        expect(part).not.toContain('Durand');
        expect(part).not.toContain('cardiology');
      }
      const ics = mail.attachments.find((a) => a.filename === 'appointment.ics');
      expect(ics?.contentType).toBe('text/calendar');
      const calendar = ics!.content.toString('utf8');
      const utc = (iso: string) => iso.replace(/[-:]/g, '').replace('.000', '');
      expect(calendar).toContain(`DTSTART:${utc(start)}`);
      expect(calendar).toContain(`DTEND:${utc(end)}`);
      expect(calendar).toContain('UID:slot-r1@baton');
      expect(calendar).toContain('SUMMARY:Rendez-vous avec Clinique du Parc');

      // Sent once, recorded as sent; audited with ids only.
      const rows = await eventually(async () => {
        const listed = await h.test.store.listDeliveries({ conversationId: 'conv-r1' });
        return listed[0]?.status === 'sent' ? listed : null;
      });
      expect(rows.map((d) => [d.channel, d.status, d.attempts])).toEqual([['email', 'sent', 1]]);
      expect(mail.messageId).toBe(`<reminder-${rows[0]!.id}@clinic.example>`);
      // The audit record follows the settle (same node, next write).
      const sentAudit = await eventually(async () => {
        const audit = await h.test.store.queryAudit({ conversationId: 'conv-r1' });
        const found = audit.filter((a) => a.action === 'notification.sent');
        return found.length > 0 ? found : null;
      });
      expect(sentAudit).toHaveLength(1);
      expect(sink!.messages).toHaveLength(1);
    } finally {
      patient.close();
    }
  });
});
