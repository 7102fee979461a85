import { normalizeOrigin } from './auth/credentials.js';
import { DirectLineEmulatorError } from './errors.js';
import type { EmulatorEvent } from './events.js';
import { randomId } from './ids.js';
import type { Scenario, ScenarioInput } from './simulator/schema.js';

/** The ways a deployment may signal escalation to a human; `all` sends every one. */
export type EscalationSignal = 'handoffInitiate' | 'escalateTag' | 'customEvent';

export interface DirectLineEmulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
  /** The Direct Line secret; a random one is made when omitted. */
  secret?: string;
  /** Lifetime of Direct Line tokens in seconds (default 1800, as Direct Line). */
  tokenTtlSeconds?: number;
  /** Channel mode: the bot's messaging endpoint, e.g. `http://127.0.0.1:3978/api/messages`. */
  bot?: string;
  /** How long the bot may take over one turn before the client gets 502 (default 15000). */
  botTimeoutMs?: number;
  /** Simulator mode: a folder of scenario files, or scenarios already loaded. */
  scenarios?: string | readonly (Scenario | ScenarioInput)[];
  /** Key that verifies InitConversation's patient JWT: an HS256 secret or a PEM public key. */
  patientTokenKey?: string;
  /** Escalation signals the simulator sends when a scenario does not name its own. */
  escalateVia?: readonly (EscalationSignal | 'all')[];
  /** Name of the custom escalation event (default `baton.escalate`). */
  customEscalationEvent?: string;
  /** Name of the event that asks the client for its location (default `shareLocationEvent`). */
  shareLocationEvent?: string;
  /** Default pause after each typing indicator, in ms (default 0; the bin uses 400). */
  typingDelayMs?: number;
  /** Interval of empty keep-alive frames on streams, in ms (default 15000). */
  keepAliveMs?: number;
  /** A second stream for one conversation: `close-new` (as Direct Line) or `close-old`. */
  streamCollision?: 'close-new' | 'close-old';
  maxConversations?: number;
  maxActivitiesPerConversation?: number;
  /** Largest upload in bytes (default 4 MiB). */
  maxUploadBytes?: number;
  /** Largest JSON request body in bytes (default 256 KiB). */
  maxActivityBytes?: number;
  botId?: string;
  botName?: string;
  /**
   * The site's trusted origins (Azure's enhanced authentication setting): tokens may be
   * generated only for these, and a token generated without `trustedOrigins` gets them all.
   */
  trustedOrigins?: readonly string[];
  /** Lifecycle notices (ids only), for logs. */
  onEvent?: (event: EmulatorEvent) => void;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  secret: string;
  tokenTtlSeconds: number;
  bot: string | undefined;
  botTimeoutMs: number;
  scenarios: string | readonly (Scenario | ScenarioInput)[] | undefined;
  patientTokenKey: string | undefined;
  escalateVia: readonly EscalationSignal[];
  customEscalationEvent: string;
  shareLocationEvent: string;
  typingDelayMs: number;
  keepAliveMs: number;
  streamCollision: 'close-new' | 'close-old';
  maxConversations: number;
  maxActivitiesPerConversation: number;
  maxUploadBytes: number;
  maxActivityBytes: number;
  botId: string;
  botName: string;
  trustedOrigins: readonly string[];
  onEvent: (event: EmulatorEvent) => void;
}

const allSignals: readonly EscalationSignal[] = ['handoffInitiate', 'escalateTag', 'customEvent'];

export function expandSignals(
  via: readonly (EscalationSignal | 'all')[] | undefined,
): EscalationSignal[] {
  if (!via || via.length === 0) return ['handoffInitiate'];
  const out = new Set<EscalationSignal>();
  for (const v of via) for (const s of v === 'all' ? allSignals : [v]) out.add(s);
  return [...out];
}

function positive(name: string, value: number | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < min) {
    throw new DirectLineEmulatorError('InvalidOptions', `${name} must be a number >= ${min}.`);
  }
  return value;
}

export function resolveOptions(options: DirectLineEmulatorOptions = {}): ResolvedOptions {
  if (options.bot !== undefined) {
    try {
      const url = new URL(options.bot);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(url.protocol);
    } catch (cause) {
      throw new DirectLineEmulatorError('InvalidOptions', 'bot must be an http(s) URL.', { cause });
    }
  }
  if (options.secret !== undefined && options.secret.length < 8) {
    throw new DirectLineEmulatorError('InvalidOptions', 'secret must be at least 8 characters.');
  }
  return {
    port: positive('port', options.port, 0),
    host: options.host ?? '127.0.0.1',
    secret: options.secret ?? randomId(32),
    tokenTtlSeconds: positive('tokenTtlSeconds', options.tokenTtlSeconds, 1800, 1),
    bot: options.bot,
    botTimeoutMs: positive('botTimeoutMs', options.botTimeoutMs, 15_000, 1),
    scenarios: options.scenarios,
    patientTokenKey: options.patientTokenKey,
    escalateVia: expandSignals(options.escalateVia),
    customEscalationEvent: options.customEscalationEvent ?? 'baton.escalate',
    shareLocationEvent: options.shareLocationEvent ?? 'shareLocationEvent',
    typingDelayMs: positive('typingDelayMs', options.typingDelayMs, 0),
    keepAliveMs: positive('keepAliveMs', options.keepAliveMs, 15_000, 10),
    streamCollision: options.streamCollision ?? 'close-new',
    maxConversations: positive('maxConversations', options.maxConversations, 1000, 1),
    maxActivitiesPerConversation: positive(
      'maxActivitiesPerConversation',
      options.maxActivitiesPerConversation,
      1000,
      1,
    ),
    maxUploadBytes: positive('maxUploadBytes', options.maxUploadBytes, 4 * 1024 * 1024, 1),
    maxActivityBytes: positive('maxActivityBytes', options.maxActivityBytes, 256 * 1024, 1),
    botId: options.botId ?? 'healthbot',
    botName: options.botName ?? 'Health Bot',
    trustedOrigins: (options.trustedOrigins ?? []).map((origin) => {
      const normalized = normalizeOrigin(origin);
      if (!normalized) {
        throw new DirectLineEmulatorError(
          'InvalidOptions',
          'trustedOrigins must be origins such as https://portal.example.org.',
        );
      }
      return normalized;
    }),
    onEvent: options.onEvent ?? (() => {}),
  };
}
