import { type Activity, type ChannelAccount, channelId } from '../activity.js';
import { activityId, formatWatermark } from '../ids.js';

/** What a stream subscriber receives: one activity, with the watermark when it was stored. */
export type ActivityListener = (activity: Activity, watermark: string | undefined) => void;

interface Entry {
  seq: number;
  activity: Activity;
}

/**
 * One Direct Line conversation: its ordered, bounded history and the live subscribers of its
 * stream. Every activity, from the client or the bot, goes through `append`, which stamps
 * the id, timestamp, channel and conversation. Typing is delivered live and never stored,
 * as Direct Line only streams it.
 */
export class Conversation {
  readonly id: string;
  user: ChannelAccount | undefined;
  locale: string | undefined;
  started = false;
  lastUsedAt = Date.now();
  private seq = 0;
  private readonly history: Entry[] = [];
  private readonly listeners = new Set<ActivityListener>();
  private readonly maxActivities: number;

  constructor(id: string, maxActivities: number) {
    this.id = id;
    this.maxActivities = maxActivities;
  }

  /** The watermark of the newest stored activity. */
  get watermark(): string {
    const last = this.history.at(-1);
    return last ? formatWatermark(last.seq) : '';
  }

  get lastSeq(): number {
    return this.history.at(-1)?.seq ?? 0;
  }

  append(input: Activity): Activity {
    this.seq += 1;
    this.lastUsedAt = Date.now();
    const activity: Activity = {
      ...input,
      id: activityId(this.id, this.seq),
      timestamp: new Date().toISOString(),
      channelId,
      conversation: { id: this.id },
    };
    const stored = activity.type !== 'typing';
    if (stored) {
      this.history.push({ seq: this.seq, activity });
      if (this.history.length > this.maxActivities) this.history.shift();
    }
    const watermark = stored ? formatWatermark(this.seq) : undefined;
    for (const listener of this.listeners) listener(activity, watermark);
    return activity;
  }

  /** Stored activities after `seq` (all of them when `seq` is 0). */
  since(seq: number): Activity[] {
    const out: Activity[] = [];
    for (const entry of this.history) if (entry.seq > seq) out.push(entry.activity);
    return out;
  }

  /** The stored activities, oldest first, for a transcript. */
  transcript(limit: number): Activity[] {
    return this.history.slice(-limit).map((e) => e.activity);
  }

  find(id: string): Activity | undefined {
    return this.history.find((e) => e.activity.id === id)?.activity;
  }

  subscribe(listener: ActivityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
