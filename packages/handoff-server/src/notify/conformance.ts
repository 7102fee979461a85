import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idempotencyKeyOf, type Notifier, NotifyError, type ReminderMessage } from './notifier';

/** One message as the receiving side saw it. */
export interface ReceivedReminder {
  /** The idempotency key it carried (SMTP Message-ID local part, webhook header). */
  idempotencyKey: string;
  /** Everything readable in it (text parts, JSON body), to check what it carries. */
  content: string;
}

export interface NotifierFixture {
  notifier: Notifier;
  /** What the receiving side accepted so far, in order. */
  received(): Promise<ReceivedReminder[]>;
  /** Stops the receiving side: sends must then fail and be retryable. */
  takeDown(): Promise<void>;
  cleanup(): Promise<void>;
}

export const SAMPLE_REMINDER: ReminderMessage = {
  kind: 'appointment.reminder',
  conversationId: 'conv-1',
  patientId: 'pat-1',
  slotId: 'slot-1',
  start: '2030-03-04T08:15:00.000Z',
  end: '2030-03-04T08:45:00.000Z',
  locale: 'es-MX',
  timeZone: 'America/Mexico_City',
  email: 'paciente@example.org',
  organization: 'Clínica Norte',
  cancelUrl: 'https://portal.example/a/slot-1/cancel?sig=x',
  rescheduleUrl: 'https://portal.example/a/slot-1/reschedule?sig=x',
};

/**
 * The behaviour every `Notifier` must have: it reaches a patient with a trusted address,
 * carries the delivery's idempotency key (the same on every retry), the times and the links,
 * and fails retryably when its receiver is down. Run it against yours:
 * `testNotifier('my channel', async () => ({ notifier, received, takeDown, cleanup }))`.
 */
export function testNotifier(name: string, create: () => Promise<NotifierFixture>): void {
  describe(`Notifier conformance: ${name}`, () => {
    let fixture: NotifierFixture;
    beforeEach(async () => {
      fixture = await create();
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it('reaches a patient with a trusted address and delivers the reminder once', async () => {
      expect(fixture.notifier.canReach(SAMPLE_REMINDER)).toBe(true);
      const key = idempotencyKeyOf('d-1');
      await fixture.notifier.send(SAMPLE_REMINDER, {
        deliveryId: 'd-1',
        idempotencyKey: key,
        attempt: 1,
      });
      const got = await fixture.received();
      expect(got.map((r) => r.idempotencyKey)).toEqual([key]);
      expect(got[0]!.content).toContain(SAMPLE_REMINDER.rescheduleUrl);
      expect(got[0]!.content).toContain(SAMPLE_REMINDER.cancelUrl);
    });

    it('carries the same idempotency key on a retry of the same delivery', async () => {
      const attempt = { deliveryId: 'd-2', idempotencyKey: idempotencyKeyOf('d-2') };
      await fixture.notifier.send(SAMPLE_REMINDER, { ...attempt, attempt: 1 });
      await fixture.notifier.send(SAMPLE_REMINDER, { ...attempt, attempt: 2 });
      const keys = (await fixture.received()).map((r) => r.idempotencyKey);
      expect(keys).toEqual([attempt.idempotencyKey, attempt.idempotencyKey]);
    });

    it('sends nothing but what the template needs (no name, no label, no chat)', async () => {
      const withExtras = {
        ...SAMPLE_REMINDER,
        displayName: 'Lucía Hernández',
        label: 'Oncología',
      } as ReminderMessage;
      await fixture.notifier.send(withExtras, {
        deliveryId: 'd-3',
        idempotencyKey: idempotencyKeyOf('d-3'),
        attempt: 1,
      });
      const [got] = await fixture.received();
      expect(got!.content).not.toContain('Lucía');
      expect(got!.content).not.toContain('Oncología');
    });

    it('fails retryably (a NotifyError, not permanent) when the receiver is down', async () => {
      await fixture.takeDown();
      const error = await fixture.notifier
        .send(SAMPLE_REMINDER, { deliveryId: 'd-4', idempotencyKey: 'k-4', attempt: 1 })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(NotifyError.is(error)).toBe(true);
      expect((error as NotifyError).permanent).toBe(false);
    });
  });
}
