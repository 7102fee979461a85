import type { EscalationReason, Priority, Transcript } from '@baton/handoff-protocol';
import type { ConnectionState } from './conversation/state';
import type { Activity } from './directline/activity';
import type { DirectLineFactory } from './directline/connection';
import type { DebugEntry } from './directline/debug-log';
import type { EscalationOptions } from './escalation/options';
import type { HandoffOptions } from './handoff/index';
import type { HostText } from './i18n/host-text';

/** What the portal's backend returns for a chat session (see `@baton/chat-widget/server`). */
export interface ChatSession {
  directLine: {
    /** A Direct Line token, never the secret. */
    token: string;
    conversationId?: string;
    /** Direct Line base, e.g. `https://directline.botframework.com/v3/directline`. */
    domain?: string;
    /** A new session's stream (the backend started the conversation): the widget connects to it. */
    streamUrl?: string;
    expiresIn?: number;
  };
  /** Direct Line user id chosen by the backend (embedded in the token). */
  userId: string;
  /** Signed patient JWT, handed to Health Bot's `InitConversation`. */
  patientToken: string;
  /** Opaque proof, checked by the backend, that this patient may resume this conversation. */
  resumeBinding?: string;
  /** Signed patient token for the handoff server (`createSessionHandler({ handoff })`). */
  handoffToken?: string;
  /**
   * The backend already posted `InitConversation` (the request's `init`): the bot's first
   * activities, shown at once; the widget does not post the invoke again.
   */
  firstTurn?: { activities: Activity[]; watermark?: string };
}

export interface SessionRequest {
  locale: string;
  /** Present when the widget resumes a conversation (page reload, expired token). */
  resume?: { conversationId: string; resumeBinding?: string };
  /** A new conversation: the backend may post `InitConversation` itself (see `firstTurn`). */
  init?: { triggeredScenario?: { trigger: string; args: Record<string, unknown> } };
}

export type GetSession = (request: SessionRequest) => Promise<ChatSession>;

export interface ThemeOptions {
  /** Brand colour: launcher, patient bubbles, buttons. */
  primary?: string;
  /** Text colour on top of `primary`. */
  onPrimary?: string;
  background?: string;
  text?: string;
  font?: string;
  radius?: string;
  /** `auto` follows `prefers-color-scheme`. */
  colorScheme?: 'auto' | 'light' | 'dark';
}

export interface TriggeredScenario {
  trigger: string;
  args?: Record<string, unknown>;
}

export interface GeoPosition {
  latitude: number;
  longitude: number;
}

export interface ChatWidgetOptions {
  /** A same-origin URL the widget POSTs to for a session, or a callback that returns one. */
  session: string | GetSession;
  /** BCP 47; defaults to `<html lang>`, then `en`. */
  locale?: string;
  /** Where the widget's host element goes (default `document.body`). */
  container?: HTMLElement;
  /** `inline` renders the panel in place, without a launcher (the `<baton-chat>` element). */
  mode?: 'floating' | 'inline';
  /** Floating side, in the reading direction. */
  position?: 'end' | 'start';
  /** The header's title: one string in the page's language, or `{ en, fr, es… }` per language. */
  title?: HostText;
  /** Show the built-in launcher (default true); without it, open the chat from your own button. */
  launcher?: boolean;
  /** The launcher's text while the panel is closed, in the page's language (as a `title` string). */
  launcherLabel?: string;
  /** An https URL of the logo shown in the panel header. */
  logoUrl?: string;
  theme?: ThemeOptions;
  /** Nonce for the widget's `<style>` elements under a strict CSP. */
  nonce?: string;
  triggeredScenario?: TriggeredScenario;
  /**
   * Answer Health Bot's `ShareLocationEvent`: `false` (default) never shares; `true` asks the
   * browser (the browser prompts the patient); a function lets the host decide.
   */
  shareLocation?: boolean | (() => Promise<GeoPosition | null>);
  escalation?: EscalationOptions;
  /** The seam for the human handoff client: called once per escalation. */
  onEscalate?: (reason: EscalationReason, priority: Priority, transcript: Transcript) => void;
  /** The human handoff server; without it, escalations only reach `onEscalate` and events. */
  handoff?: HandoffOptions;
  /** Include message text in `message` events (default false: metadata only). */
  messageTextInEvents?: boolean;
  /** Keep a resume handle in sessionStorage so a page reload continues the conversation. */
  resume?: boolean;
  /** How long a resume handle stays valid after the last activity (ms, default 30 min). */
  resumeTtlMs?: number;
  /** Log protocol traffic without PHI: `true` logs to the console, or pass a sink. */
  debug?: boolean | ((entry: DebugEntry) => void);
  /** Direct Line transport knobs (tests, proxies that block WebSockets). */
  directLine?: { webSocket?: boolean; pollingInterval?: number; timeout?: number };
  /** Replaces the Direct Line client (tests, custom transports). */
  createDirectLine?: DirectLineFactory;
}

/** Message metadata given to the host page; `text` only with `messageTextInEvents`. */
export interface MessageEvent {
  id: string;
  from: 'bot' | 'patient';
  type: string;
  at: string;
  hasText: boolean;
  attachments: number;
  text?: string;
}

export interface ChatWidgetEvents {
  ready: { conversationId?: string };
  opened: Record<string, never>;
  closed: Record<string, never>;
  message: MessageEvent;
  connection: { state: ConnectionState };
  escalated: { reason: EscalationReason; priority: Priority };
  /** The handoff moved on: `requesting`, `queued`, `assigned`, `ended`, `failed`, `returned`, `unavailable`. */
  handoff: { phase: string };
  error: { code: string; message: string };
}

export type ChatWidgetEventName = keyof ChatWidgetEvents;

export interface HostEscalation {
  reason?: string;
  priority?: Priority;
}

export interface ChatWidgetHandle {
  open(): Promise<void>;
  close(): void;
  toggle(): Promise<void>;
  /** Start the conversation in the background without opening the panel. */
  preload(): Promise<void>;
  destroy(): void;
  setLocale(locale: string): void;
  setContext(context: Record<string, string>): void;
  escalate(request?: HostEscalation): void;
  on<K extends ChatWidgetEventName>(
    event: K,
    listener: (payload: ChatWidgetEvents[K]) => void,
  ): () => void;
  off<K extends ChatWidgetEventName>(
    event: K,
    listener: (payload: ChatWidgetEvents[K]) => void,
  ): void;
  readonly isOpen: boolean;
}

export type { Activity };
