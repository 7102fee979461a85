import type { Activity } from './activity';

/** One line of protocol traffic, without PHI: kinds, ids and sizes, never text or tokens. */
export interface DebugEntry {
  direction: 'in' | 'out' | 'status';
  type: string;
  name?: string;
  id?: string;
  bytes?: number;
  attachments?: number;
  status?: string;
}

export type DebugSink = (entry: DebugEntry) => void;

export function describeActivity(direction: 'in' | 'out', activity: Activity): DebugEntry {
  let bytes = 0;
  try {
    bytes = new TextEncoder().encode(JSON.stringify(activity)).length;
  } catch {
    bytes = -1;
  }
  return {
    direction,
    type: String(activity.type).slice(0, 40),
    ...(activity.name ? { name: String(activity.name).slice(0, 80) } : {}),
    ...(activity.id ? { id: String(activity.id).slice(0, 128) } : {}),
    bytes,
    attachments: Array.isArray(activity.attachments) ? activity.attachments.length : 0,
  };
}

export function consoleSink(entry: DebugEntry): void {
  // biome-ignore lint/suspicious/noConsole: the debug switch exists to print PHI-free traffic
  console.debug('[baton]', entry);
}

export function debugSink(option: boolean | DebugSink | undefined): DebugSink | null {
  if (typeof option === 'function') return option;
  return option ? consoleSink : null;
}
