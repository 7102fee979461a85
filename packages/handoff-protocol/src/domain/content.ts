import * as z from 'zod/mini';
import { EndReason } from './conversation';
import { displayText, Id, MessageText, Timestamp } from './primitives';
import { QueueName } from './queue';

/**
 * Agent content, kept on the server per queue (or for every queue) and managed by admins:
 * canned responses (`/shortcut`), agent scripts (steps), knowledge articles, macros.
 */
export const ContentKind = z.enum(['canned', 'script', 'article', 'macro']);
export type ContentKind = z.infer<typeof ContentKind>;

/** A canned response's shortcut, typed after `/` in the composer (stored without the slash). */
export const ContentShortcut = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(32),
    z.regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, _ and -'),
  );

/** One step of an agent script: what to say (a label for the step list, optional). */
export const ScriptStep = z.object({
  label: z.optional(displayText(120)),
  text: MessageText,
});
export type ScriptStep = z.infer<typeof ScriptStep>;

/** One action of a macro, run in order by the console after the agent confirms. */
export const MacroAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), text: MessageText }),
  z.object({ kind: z.literal('survey') }),
  z.object({ kind: z.literal('end'), reason: EndReason }),
]);
export type MacroAction = z.infer<typeof MacroAction>;

const ContentTag = displayText(40);
/** Links in articles: http(s) only (the console's scheme allowlist applies again). */
const ContentLink = z.string().check(z.maxLength(2000), z.regex(/^https?:\/\/[^\s]+$/));

const contentFields = {
  kind: ContentKind,
  /** `null`: offered in every queue. */
  queue: z.nullable(QueueName),
  title: displayText(120),
  shortcut: z.optional(ContentShortcut),
  /** Markdown; may hold variables such as `{patient.firstName}`, `{agent.name}`, `{queue}`. */
  body: z.string().check(z.maxLength(4000)),
  steps: z.optional(z.array(ScriptStep).check(z.maxLength(30))),
  actions: z.optional(z.array(MacroAction).check(z.minLength(1), z.maxLength(10))),
  tags: z.optional(z.array(ContentTag).check(z.maxLength(20))),
  link: z.optional(ContentLink),
};

/** A stored item. An edit bumps `version`; retiring hides it from agents, never deletes it. */
export const ContentItem = z.object({
  id: Id,
  ...contentFields,
  version: z.int().check(z.gte(1)),
  retired: z.boolean(),
  updatedAt: Timestamp,
  updatedBy: Id,
});
export type ContentItem = z.infer<typeof ContentItem>;

/** What an admin saves: no `id` creates; with `id`, `expectedVersion` guards the edit. */
export const ContentDraft = z.object({
  id: z.optional(Id),
  ...contentFields,
  expectedVersion: z.optional(z.int().check(z.gte(1))),
});
export type ContentDraft = z.infer<typeof ContentDraft>;

/** The variables content may use, each filled only from trusted context. */
export const CONTENT_VARIABLES = [
  'patient.firstName',
  'patient.name',
  'agent.name',
  'queue',
] as const;
export type ContentVariable = (typeof CONTENT_VARIABLES)[number];

/**
 * Fills `{variable}`s from `values` (trusted context only: the patient token or the server's
 * patient context provider, the signed-in staff profile). A variable without a value, or an
 * unknown one, is left as written so the agent sees it and fills it in herself.
 */
export function fillContentVariables(
  text: string,
  values: Partial<Record<ContentVariable, string>>,
): string {
  return text.replace(/\{([A-Za-z][A-Za-z0-9_.]{0,63})\}/g, (whole, name: string) => {
    const value = (values as Record<string, string | undefined>)[name];
    return value && Object.hasOwn(values, name) ? value : whole;
  });
}
