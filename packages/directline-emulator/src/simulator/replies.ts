import type { Activity, Attachment } from '../activity.js';
import type { EscalationSignal } from '../options.js';
import { builtInText, interpolate, localize } from './language.js';
import type { Locale, LocalizedText, Reply } from './schema.js';

/** What the engine needs to turn replies into activities. */
export interface ReplyContext {
  locale: Locale;
  vars: Record<string, unknown>;
  scenarioId: string | undefined;
  escalateVia: readonly EscalationSignal[];
  customEscalationEvent: string;
  shareLocationEvent: string;
  typingDelayMs: number;
  /** The conversation so far, for the transcript of `handoff.initiate`. */
  transcript: () => Activity[];
}

/** One outgoing step: an activity to send, or a pause after a typing indicator. */
export type Outgoing = { activity: Activity } | { pauseMs: number };

function say(text: LocalizedText, ctx: ReplyContext): string {
  return interpolate(localize(text, ctx.locale), ctx.vars);
}

function message(text: string, extra: Partial<Activity> = {}): Activity {
  return { type: 'message', text, textFormat: 'markdown', ...extra };
}

function card(contentType: string, content: unknown): Attachment {
  return { contentType, content };
}

export function escalationActivities(
  reason: string,
  priority: string,
  text: string | undefined,
  via: readonly EscalationSignal[],
  ctx: ReplyContext,
): Activity[] {
  const context = { reason, priority, scenarioId: ctx.scenarioId, locale: ctx.locale };
  const notice = text ?? builtInText.connectingAgent[ctx.locale];
  const out: Activity[] = [];
  if (!via.includes('escalateTag')) out.push(message(notice));
  for (const signal of via) {
    switch (signal) {
      case 'handoffInitiate':
        // The shape of botbuilder's EventFactory.createHandoffInitiation.
        out.push({
          type: 'event',
          name: 'handoff.initiate',
          value: context,
          attachments: [
            {
              contentType: 'application/json',
              name: 'Transcript',
              content: { activities: ctx.transcript() },
            },
          ],
        });
        break;
      case 'escalateTag':
        // Omnichannel: a message whose channelData.tags is the serialised Escalate command.
        out.push(
          message(notice, {
            channelData: { tags: JSON.stringify({ type: 'Escalate', context }) },
          }),
        );
        break;
      case 'customEvent':
        out.push({ type: 'event', name: ctx.customEscalationEvent, value: context });
        break;
    }
  }
  return out;
}

/** Turns one scenario reply into what the bot sends. */
export function renderReply(reply: Reply, ctx: ReplyContext): Outgoing[] {
  switch (reply.kind) {
    case 'typing': {
      const pauseMs = reply.ms ?? ctx.typingDelayMs;
      return [{ activity: { type: 'typing' } }, ...(pauseMs > 0 ? [{ pauseMs }] : [])];
    }
    case 'text':
      return [{ activity: message(say(reply.text, ctx), { textFormat: reply.format }) }];
    case 'suggestedActions':
      return [
        {
          activity: message(say(reply.text, ctx), {
            suggestedActions: {
              actions: reply.actions.map((a) => {
                const title = say(a.title, ctx);
                return { type: 'imBack', title, value: a.value ?? title };
              }),
            },
          }),
        },
      ];
    case 'heroCard':
      return [
        {
          activity: {
            type: 'message',
            attachments: [
              card('application/vnd.microsoft.card.hero', {
                title: say(reply.title, ctx),
                ...(reply.subtitle ? { subtitle: say(reply.subtitle, ctx) } : {}),
                ...(reply.text ? { text: say(reply.text, ctx) } : {}),
                images: (reply.images ?? []).map((url) => ({ url })),
                buttons: (reply.buttons ?? []).map((b) => ({
                  type: b.type,
                  title: say(b.title, ctx),
                  value: b.value,
                })),
              }),
            ],
          },
        },
      ];
    case 'adaptiveCard': {
      const content = 'type' in reply.card ? reply.card : (reply.card[ctx.locale] ?? reply.card.en);
      return [
        {
          activity: {
            type: 'message',
            attachments: [card('application/vnd.microsoft.card.adaptive', content)],
          },
        },
      ];
    }
    case 'shareLocation':
      return [
        { activity: message(say(reply.text ?? builtInText.shareLocation, ctx)) },
        { activity: { type: 'event', name: ctx.shareLocationEvent } },
      ];
    case 'event':
      return [{ activity: { type: 'event', name: reply.name, value: reply.value } }];
    case 'escalate': {
      const via = reply.via
        ? reply.via.flatMap((v): EscalationSignal[] =>
            v === 'all' ? ['handoffInitiate', 'escalateTag', 'customEvent'] : [v],
          )
        : ctx.escalateVia;
      const text = reply.text ? say(reply.text, ctx) : undefined;
      return escalationActivities(reply.reason, reply.priority, text, [...new Set(via)], ctx).map(
        (activity) => ({ activity }),
      );
    }
  }
}
