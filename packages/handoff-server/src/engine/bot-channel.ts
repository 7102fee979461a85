import { createId } from '@baton/handoff-protocol';
import { HandoffServerError } from '../internal/errors';
import type { BotChannel } from './types';

export interface DirectLineBotChannelOptions {
  /** Direct Line base URL, e.g. `https://directline.botframework.com` (no trailing `/v3`). */
  endpoint: string;
  /** The Direct Line secret. Server-side only; never logged. */
  secret: string;
  /** The `from.id` of the posted activity. Default `baton-handoff-server`. */
  fromId?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * Mutes and un-mutes the bot through Direct Line: posts a Bot Framework `handoff.status`
 * event (`accepted` when an agent holds the conversation, `failed` / `completed` after) to
 * the conversation's Direct Line conversation, authenticated with the secret. The activity
 * has the shape botbuilder's `EventFactory.createHandoffStatus` builds.
 */
export function createDirectLineBotChannel(options: DirectLineBotChannelOptions): BotChannel {
  const base = options.endpoint.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const fromId = options.fromId ?? 'baton-handoff-server';
  return {
    async notify({ directLine, state }) {
      const url = `${base}/v3/directline/conversations/${encodeURIComponent(directLine.conversationId)}/activities`;
      const activity = {
        type: 'event',
        name: 'handoff.status',
        value: { state },
        id: createId(),
        timestamp: new Date().toISOString(),
        from: { id: fromId, role: 'user' },
        conversation: { id: directLine.conversationId },
        attachments: [],
        entities: [],
      };
      const response = await doFetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.secret}`, 'content-type': 'application/json' },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await response.body?.cancel();
      if (!response.ok) {
        throw new HandoffServerError('invalid_config', `Direct Line answered ${response.status}`);
      }
    },
  };
}
