import { randomId } from '../ids.js';

export interface StoredAttachment {
  conversationId: string;
  contentType: string;
  name: string | undefined;
  bytes: Buffer;
}

/**
 * Uploaded files, served back at unguessable URLs (as Direct Line serves uploads from blob
 * storage). Bounded by total bytes: the oldest uploads are dropped first.
 */
export class AttachmentStore {
  private readonly items = new Map<string, StoredAttachment>();
  private totalBytes = 0;
  private readonly maxTotalBytes: number;

  constructor(maxTotalBytes: number) {
    this.maxTotalBytes = maxTotalBytes;
  }

  put(attachment: StoredAttachment): string {
    const id = randomId(24);
    this.items.set(id, attachment);
    this.totalBytes += attachment.bytes.length;
    while (this.totalBytes > this.maxTotalBytes && this.items.size > 1) {
      const oldest = this.items.keys().next().value;
      if (oldest === undefined) break;
      this.totalBytes -= this.items.get(oldest)?.bytes.length ?? 0;
      this.items.delete(oldest);
    }
    return id;
  }

  get(id: string): StoredAttachment | undefined {
    return this.items.get(id);
  }

  forgetConversation(conversationId: string): void {
    for (const [id, item] of this.items) {
      if (item.conversationId !== conversationId) continue;
      this.totalBytes -= item.bytes.length;
      this.items.delete(id);
    }
  }
}
