import type { Activity, ChannelAccount } from './activity.js';
import type { TokenIssuer } from './auth/tokens.js';
import type { AttachmentStore } from './conversations/attachments.js';
import type { Conversation } from './conversations/conversation.js';
import type { ConversationStore } from './conversations/store.js';
import type { EmulatorEvent } from './events.js';
import type { FaultInjector } from './faults.js';
import type { ResolvedOptions } from './options.js';

/** What answers the client: the Health Bot simulator, or a real bot behind the channel. */
export interface BotBackend {
  /** Called once, when a client starts the conversation. */
  conversationStarted(conversation: Conversation): Promise<void>;
  /** One turn: the bot handles a client activity. Throws `BotError`/`BotTimeout` on failure. */
  activityReceived(conversation: Conversation, activity: Activity): Promise<void>;
  close(): Promise<void>;
}

export type { EmulatorEvent } from './events.js';

/** Everything a request handler needs, built once per emulator. */
export interface EmulatorContext {
  options: ResolvedOptions;
  secret: string;
  tokens: TokenIssuer;
  store: ConversationStore;
  attachments: AttachmentStore;
  faults: FaultInjector;
  backend: BotBackend;
  bot: ChannelAccount;
  referenceGrammarId: string;
  /** `http://host:port` the emulator listens on. */
  baseUrl(): string;
  emit(event: EmulatorEvent): void;
}
