import type { AdapterFixture } from '../../../src/adapters/conformance';
import {
  createWebhookInboundHandler,
  WebhookAdapter,
  type WebhookAdapterOptions,
} from '../../../src/adapters/webhook';
import { listen } from './http';
import { WebhookReceiver } from './webhook-receiver';

export const SIGNING_SECRET = 'whsec_test_0123456789abcdef';
export const INBOUND_TOKEN = 'inbound_token_0123456789abcdef';

export interface WebhookFixture extends AdapterFixture {
  adapter: WebhookAdapter;
  receiver: WebhookReceiver;
  inboundUrl: string;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** A webhook adapter wired to a real receiver and its inbound API on a real server. */
export async function createWebhookFixture(
  options: Partial<WebhookAdapterOptions> = {},
  receiverBehaviour: { failFirst?: number; status?: number } = { failFirst: 1 },
): Promise<WebhookFixture> {
  const receiver = await new WebhookReceiver(SIGNING_SECRET, receiverBehaviour).start();
  const adapter = new WebhookAdapter({
    url: receiver.url,
    signingSecret: SIGNING_SECRET,
    retry: { maxAttempts: 4, baseDelayMs: 2, maxDelayMs: 10 },
    ...options,
  });
  const inbound = await listen(
    createWebhookInboundHandler(adapter, { auth: { bearerTokens: [INBOUND_TOKEN] } }),
  );
  const inboundUrl = `${inbound.url}/api/webhook`;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${inboundUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${INBOUND_TOKEN}`,
        'content-type': 'application/json',
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const call = async (conversationId: string, action: string, body: unknown) => {
    const response = await post(
      `/conversations/${encodeURIComponent(conversationId)}/${action}`,
      body,
    );
    if (!response.ok) throw new Error(`inbound ${action} answered ${response.status}`);
  };
  return {
    adapter,
    receiver,
    inboundUrl,
    post,
    agentSide: {
      accept: (id, agent) => call(id, 'agent-joined', { agent }),
      say: (id, externalId, text) => call(id, 'messages', { externalId, text }),
      end: (id) => call(id, 'ended', { reason: 'resolved' }),
      refuse: (id) => call(id, 'failed', { reason: 'no-agents', fallbacks: ['callback'] }),
      received: async (id) => receiver.patientTexts(id),
      receivedFiles: async (id) => receiver.patientFiles(id),
      sendFile: (id, externalId, file) =>
        call(id, 'attachments', {
          externalId,
          name: file.name,
          contentBase64: Buffer.from(file.bytes).toString('base64'),
        }),
    },
    cleanup: async () => {
      await inbound.close();
      await receiver.close();
    },
  };
}
