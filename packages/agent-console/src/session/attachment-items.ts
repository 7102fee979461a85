import type { ServerToAgent } from '@baton/handoff-protocol';
import type { ChatItem } from './console-state';

/** A logged `attachment` frame as a chat line (a message carrying a file). */
export function attachmentItem(frame: Extract<ServerToAgent, { type: 'attachment' }>): ChatItem {
  return {
    key: `s${frame.seq}`,
    seq: frame.seq,
    kind: 'message',
    from: frame.from,
    at: frame.ts,
    attachment: frame.attachment,
    ...(frame.caption ? { text: frame.caption } : {}),
    ...(frame.agent ? { author: frame.agent } : {}),
    ...(frame.clientMessageId ? { clientMessageId: frame.clientMessageId } : {}),
  };
}
