import type { AgentInfo, AttachmentRef } from '@baton/handoff-protocol';

/** The thread of one handoff: its messages and notices, kept in `seq` order. */
interface Thread {
  items: readonly ThreadItem[];
}

export type Delivery = 'sending' | 'sent' | 'failed';

export interface ThreadMessage {
  kind: 'message';
  /** The client message id of the patient's own messages, else `s<seq>`. */
  key: string;
  seq?: number;
  from: 'patient' | 'agent' | 'system';
  text: string;
  /** `markdown` from an agent renders through the widget's inert markdown renderer. */
  textFormat?: 'plain' | 'markdown';
  at: string;
  agent?: AgentInfo;
  delivery?: Delivery;
  /** A shared file (`text` is its caption, or empty). */
  attachment?: AttachmentRef;
}

export interface ThreadNotice {
  kind: 'notice';
  key: string;
  seq: number;
  notice: 'joined' | 'ended' | 'returned' | 'agent-left' | 'supervisor-joined';
  at: string;
  agent?: AgentInfo;
}

export type ThreadItem = ThreadMessage | ThreadNotice;

/** Adds to the thread in seq order (a late frame slots in; unsent messages stay last). */
export function addItem<S extends Thread>(state: S, item: ThreadItem): S {
  const items = [...state.items];
  const seq = item.seq ?? Number.POSITIVE_INFINITY;
  const before = items.findIndex((i) => i.seq !== undefined && i.seq > seq);
  items.splice(before < 0 ? items.length : before, 0, item);
  return { ...state, items };
}

/** The server committed the patient's command `key` as `seq`. */
export function acknowledge<S extends Thread>(state: S, key: string, seq: number): S {
  return {
    ...state,
    items: state.items.map((item) =>
      item.kind === 'message' && item.key === key ? { ...item, seq, delivery: 'sent' } : item,
    ),
  };
}

export function addPatientMessage<S extends Thread>(state: S, key: string, text: string): S {
  return addItem(state, {
    kind: 'message',
    key,
    from: 'patient',
    text,
    at: new Date().toISOString(),
    delivery: 'sending',
  });
}

export function setDelivery<S extends Thread>(state: S, key: string, delivery: Delivery): S {
  return {
    ...state,
    items: state.items.map((item) =>
      item.kind === 'message' && item.key === key && item.delivery !== 'sent'
        ? { ...item, delivery }
        : item,
    ),
  };
}

/** The highest seq of a message from the agent or the system: what a read receipt covers. */
export function lastIncomingSeq(state: Thread): number {
  let last = -1;
  for (const item of state.items) {
    if (item.kind === 'message' && item.from !== 'patient' && item.seq !== undefined) {
      last = Math.max(last, item.seq);
    }
  }
  return last;
}
