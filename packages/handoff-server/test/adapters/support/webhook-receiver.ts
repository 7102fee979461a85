import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AdapterPatientAttachment } from '../../../src/adapters/contract';
import type { WebhookEvent } from '../../../src/adapters/webhook';
import { listen, type RunningServer, readJson } from './http';

export interface ReceivedDelivery {
  eventId: string;
  eventType: string;
  attempt: number;
  signatureTimestamp: number;
  status: number;
}

/**
 * The external system's side of the webhook adapter, as a real HTTP receiver: it checks every
 * signature itself (node:crypto, not Baton's verifier), answers 503 to the first
 * `failFirst` attempts of each event, and keeps each acknowledged event once (idempotency key).
 */
export class WebhookReceiver {
  readonly deliveries: ReceivedDelivery[] = [];
  readonly events: WebhookEvent[] = [];
  badSignatures = 0;
  private readonly attempts = new Map<string, number>();
  private server: RunningServer | null = null;

  constructor(
    private readonly secret: string,
    private readonly behaviour: { failFirst?: number; status?: number } = {},
  ) {}

  get url(): string {
    if (!this.server) throw new Error('receiver not started');
    return `${this.server.url}/hooks/baton`;
  }

  async start(): Promise<this> {
    this.server = await listen((req, res) => {
      readJson(req).then(({ raw, json }) => {
        const status = this.accept(req.headers, raw, json as WebhookEvent);
        res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      });
    });
    return this;
  }

  async close(): Promise<void> {
    await this.server?.close();
  }

  patientTexts(conversationId: string): string[] {
    return this.events
      .filter((e) => e.conversationId === conversationId && e.type === 'patient.message')
      .map((e) => (e.data as { text: string }).text);
  }

  patientFiles(conversationId: string) {
    return this.events
      .filter((e) => e.conversationId === conversationId && e.type === 'patient.attachment')
      .map((e) => {
        const { attachment, url } = e.data as AdapterPatientAttachment;
        return {
          name: attachment.name,
          contentType: attachment.contentType,
          size: attachment.size,
          url,
        };
      });
  }

  private accept(
    headers: import('node:http').IncomingHttpHeaders,
    raw: Buffer,
    event: WebhookEvent,
  ): number {
    const signature = String(headers['baton-signature'] ?? '');
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature);
    const expected = match
      ? createHmac('sha256', this.secret)
          .update(`${match[1]}.${raw.toString('utf8')}`)
          .digest()
      : null;
    if (!match || !expected || !timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'))) {
      this.badSignatures += 1;
      return 401;
    }
    const key = String(headers['idempotency-key']);
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    const status =
      attempt <= (this.behaviour.failFirst ?? 0) ? (this.behaviour.status ?? 503) : 200;
    this.deliveries.push({
      eventId: key,
      eventType: String(headers['baton-event-type']),
      attempt: Number(headers['baton-delivery-attempt']),
      signatureTimestamp: Number(match[1]),
      status,
    });
    if (status === 200 && !this.events.some((e) => e.id === key)) this.events.push(event);
    return status;
  }
}
