import { setImmediate } from 'node:timers';
import type { ConversationRecord } from '../records';
import * as rows from '../rows';
import { textArray } from './array-literals';
import { type PostgresContext, queryConfig, type Row } from './context';
import { ackedPathTypes } from './row-types';

/** Most conversations read by one statement; the rest wait for the next one. */
const MAX_BATCH = 256;

/**
 * One statement for every conversation read asked for during one event-loop turn. Each
 * caller still reads after it asked (the statement is sent later, never earlier), so a
 * batched read sees every commit a single read would have seen. With 200 conversations
 * chatting, each acked message authorizes against its conversation: without batching that
 * is one round trip (and one pool checkout) per message.
 */
const READ_MANY = {
  name: 'baton_conversations_by_ids',
  // The record's columns only (`rows.toConversation`): none decoded for nothing.
  text: `SELECT id, patient_id, state, queue, priority, assigned_agent_id, created_at, updated_at,
    ended_at, version FROM conversations WHERE id = ANY($1::text[])`,
};

interface Waiting {
  id: string;
  resolve: (record: ConversationRecord | null) => void;
  reject: (error: unknown) => void;
}

export class ConversationReadBatcher {
  readonly #ctx: PostgresContext;
  #waiting: Waiting[] = [];
  #scheduled = false;

  constructor(ctx: PostgresContext) {
    this.#ctx = ctx;
  }

  read(id: string): Promise<ConversationRecord | null> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ id, resolve, reject });
      if (this.#scheduled) return;
      this.#scheduled = true;
      setImmediate(() => this.#send());
    });
  }

  #send(): void {
    this.#scheduled = false;
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, MAX_BATCH);
      void this.#run(batch);
    }
  }

  async #run(batch: Waiting[]): Promise<void> {
    const ids = [...new Set(batch.map((waiting) => waiting.id))];
    let found: Row[];
    try {
      found = await queryConfig(this.#ctx.pool, {
        ...READ_MANY,
        values: [textArray(ids)],
        types: ackedPathTypes,
      });
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    const byId = new Map<string, Row>();
    for (const row of found) byId.set(String(row.id), row);
    for (const waiting of batch) {
      const row = byId.get(waiting.id);
      // Each caller gets its own record (callers may spread or keep it).
      waiting.resolve(row ? rows.toConversation(row) : null);
    }
  }
}
