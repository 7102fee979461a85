import type { AgentPresence } from '@baton/handoff-protocol';
import type { StaffPrincipal } from '../adapters/desk-host';
import type { ConversationStore } from '../storage/contract';
import type { AgentRecord } from '../storage/records';
import { queueSignedIn } from './staffing';

/**
 * Agents signing in and out and setting their presence, in the store (so every node sees
 * them); tells the server when the last agent of a queue signed out.
 */
export class DeskPresence {
  readonly #store: ConversationStore;
  readonly #capacity: number;
  readonly #agentsChanged: () => void;
  readonly #unstaffedListeners = new Set<(queue: string) => void>();

  constructor(store: ConversationStore, capacity: number, agentsChanged: () => void) {
    this.#store = store;
    this.#capacity = capacity;
    this.#agentsChanged = agentsChanged;
  }

  async agentConnected(staff: StaffPrincipal): Promise<AgentRecord | null> {
    const existing = await this.#store.getAgent(staff.staffId);
    await this.#store.upsertAgent({
      id: staff.staffId,
      displayName: staff.displayName,
      queues: [...staff.queues],
      capacity: existing?.capacity ?? this.#capacity,
    });
    const agent = await this.#store.setAgentPresence(
      staff.staffId,
      existing?.presence === 'away' ? 'away' : 'available',
    );
    this.#agentsChanged();
    return agent;
  }

  async setPresence(staffId: string, presence: AgentPresence): Promise<void> {
    // `busy` is not a choice but a load: an available agent at capacity shows as busy.
    const stored = presence === 'busy' ? 'available' : presence;
    const agent = await this.#store.setAgentPresence(staffId, stored);
    this.#agentsChanged();
    if (stored === 'offline' && agent) await this.#checkStaffed(agent.queues);
  }

  /** Told when the last agent of a queue signed out (offline): patients there may be stranded. */
  onQueueUnstaffed(listener: (queue: string) => void): () => void {
    this.#unstaffedListeners.add(listener);
    return () => this.#unstaffedListeners.delete(listener);
  }

  async #checkStaffed(queues: readonly string[]): Promise<void> {
    for (const queue of queues) {
      if (this.#unstaffedListeners.size === 0) return;
      if (await queueSignedIn(this.#store, queue)) continue;
      for (const listener of this.#unstaffedListeners) listener(queue);
    }
  }
}
