import type { Activity } from '../directline/activity';
import type { ChatMessage } from './state';

interface Outgoing {
  activity: Activity;
  hidden: boolean;
}

let counter = 0;
function clientKey(): string {
  counter += 1;
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;
  return `baton-${random}-${counter}`;
}

/**
 * The ordered, de-duplicated list of activities and of visible messages. Direct Line echoes
 * the patient's own messages back with the id `postActivity` returned (and our
 * `channelData.clientActivityID`); an echo updates the pending message, never adds one.
 */
export class MessageLog {
  readonly #seen = new Set<string>();
  readonly #activities: Activity[] = [];
  readonly #outgoing = new Map<string, Outgoing>();
  #messages: ChatMessage[] = [];

  get activities(): readonly Activity[] {
    return this.#activities;
  }

  get messages(): readonly ChatMessage[] {
    return this.#messages;
  }

  receive(activity: Activity, ownUserId: string | undefined): 'duplicate' | 'echo' | 'new' {
    const id = typeof activity.id === 'string' ? activity.id : undefined;
    const clientId = activity.channelData?.clientActivityID;
    const mine = ownUserId !== undefined && activity.from?.id === ownUserId;
    if (mine && typeof clientId === 'string' && this.#outgoing.has(clientId)) {
      // The POST's answer may come before the echo (its id is then seen): the echo still
      // brings the server's time, the one a reload's history shows.
      const at = this.#messages.find((m) => m.key === clientId)?.at;
      if (id && this.#seen.has(id) && at === (activity.timestamp ?? at)) return 'duplicate';
      if (id) this.#seen.add(id);
      this.#replace(clientId, (message) => ({
        ...message,
        ...(id ? { id } : {}),
        delivery: 'sent',
        at: activity.timestamp ?? message.at,
      }));
      return 'echo';
    }
    if (id && this.#seen.has(id)) return 'duplicate';
    if (id) this.#seen.add(id);
    // Invokes (InitConversation carries the patient token) never reach the transcript.
    if (activity.type !== 'invoke') this.#activities.push(activity);
    if (mine) {
      // Our own message from before a reload (history replay): shown, already delivered.
      if (activity.type === 'message' && (activity.text || activity.attachments?.length)) {
        this.#messages = [
          ...this.#messages,
          this.#message(activity, id ?? clientKey(), 'patient', 'sent'),
        ];
      }
      return 'echo';
    }
    if (activity.type === 'message') {
      this.#messages = [...this.#messages, this.#message(activity, id ?? clientKey(), 'bot')];
    }
    return 'new';
  }

  addOutgoing(activity: Activity, options: { hidden: boolean; displayText?: string }): string {
    const key = clientKey();
    activity.channelData = { ...activity.channelData, clientActivityID: key };
    this.#outgoing.set(key, { activity, hidden: options.hidden });
    this.#activities.push(activity);
    const shown = options.displayText ? { ...activity, text: options.displayText } : activity;
    if (!options.hidden || options.displayText) {
      this.#messages = [...this.#messages, this.#message(shown, key, 'patient', 'sending')];
    }
    return key;
  }

  outgoingActivity(key: string): Activity | undefined {
    return this.#outgoing.get(key)?.activity;
  }

  markSent(key: string, id: string): void {
    this.#seen.add(id);
    const outgoing = this.#outgoing.get(key);
    if (outgoing) outgoing.activity.id = id;
    this.#replace(key, (message) => ({ ...message, id, delivery: 'sent' }));
  }

  markFailed(key: string): void {
    this.#replace(key, (message) => ({ ...message, delivery: 'failed' }));
  }

  markSending(key: string): boolean {
    const message = this.#messages.find((m) => m.key === key);
    if (message?.delivery !== 'failed') return false;
    this.#replace(key, (m) => ({ ...m, delivery: 'sending' }));
    return true;
  }

  #replace(key: string, change: (message: ChatMessage) => ChatMessage): void {
    this.#messages = this.#messages.map((message) =>
      message.key === key ? change(message) : message,
    );
  }

  #message(
    activity: Activity,
    key: string,
    from: 'bot' | 'patient',
    delivery?: ChatMessage['delivery'],
  ): ChatMessage {
    const at =
      typeof activity.timestamp === 'string' && !Number.isNaN(Date.parse(activity.timestamp))
        ? activity.timestamp
        : new Date().toISOString();
    return {
      key,
      ...(activity.id ? { id: activity.id } : {}),
      from,
      at,
      activity,
      ...(delivery ? { delivery } : {}),
    };
  }
}
