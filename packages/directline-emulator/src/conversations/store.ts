import { randomId } from '../ids.js';
import { Conversation } from './conversation.js';

export interface ConversationStoreLimits {
  maxConversations: number;
  maxActivitiesPerConversation: number;
}

/**
 * In-memory, bounded conversation store. When full, the conversation used least recently is
 * forgotten (a later request for it answers 404, as for an unknown conversation).
 */
export class ConversationStore {
  private readonly conversations = new Map<string, Conversation>();
  private readonly limits: ConversationStoreLimits;
  private readonly onEvict: (conversation: Conversation) => void;

  constructor(limits: ConversationStoreLimits, onEvict: (conversation: Conversation) => void) {
    this.limits = limits;
    this.onEvict = onEvict;
  }

  create(): Conversation {
    let id = randomId(18);
    while (this.conversations.has(id)) id = randomId(18);
    const conversation = new Conversation(id, this.limits.maxActivitiesPerConversation);
    this.conversations.set(id, conversation);
    this.evictBeyondLimit();
    return conversation;
  }

  /** Looks a conversation up and marks it recently used. */
  get(id: string): Conversation | undefined {
    const conversation = this.conversations.get(id);
    if (!conversation) return;
    this.conversations.delete(id);
    this.conversations.set(id, conversation);
    conversation.lastUsedAt = Date.now();
    return conversation;
  }

  get size(): number {
    return this.conversations.size;
  }

  private evictBeyondLimit(): void {
    while (this.conversations.size > this.limits.maxConversations) {
      const oldest = this.conversations.keys().next().value;
      if (oldest === undefined) return;
      const conversation = this.conversations.get(oldest);
      this.conversations.delete(oldest);
      if (conversation) this.onEvict(conversation);
    }
  }
}
