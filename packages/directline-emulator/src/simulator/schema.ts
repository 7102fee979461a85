import * as z from 'zod';

/** The simulator speaks these locales; any other falls back to English. */
export const locales = ['en', 'fr', 'es'] as const;
export type Locale = (typeof locales)[number];

/** Text in each locale (`en` required), or one string for all. */
export const localizedText = z.union([
  z.string(),
  z.object({ en: z.string(), fr: z.string().optional(), es: z.string().optional() }).strict(),
]);
export type LocalizedText = z.infer<typeof localizedText>;

const regexSource = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'iu');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

/** Regular expressions (case-insensitive) per locale; `en` required. */
export const patterns = z
  .object({
    en: z.array(regexSource).min(1),
    fr: z.array(regexSource).optional(),
    es: z.array(regexSource).optional(),
  })
  .strict();
export type Patterns = z.infer<typeof patterns>;

const escalationSignal = z.enum(['handoffInitiate', 'escalateTag', 'customEvent', 'all']);
const priority = z.enum(['normal', 'high', 'emergency']);
const adaptiveCard = z.looseObject({ type: z.literal('AdaptiveCard') });

const button = z
  .object({
    title: localizedText,
    type: z.enum(['imBack', 'postBack', 'openUrl', 'messageBack']).default('imBack'),
    value: z.string(),
  })
  .strict();

/** What the bot sends; each kind maps to one or more activities. */
export const reply = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('typing'), ms: z.number().int().min(0).max(10_000).optional() })
    .strict(),
  z
    .object({
      kind: z.literal('text'),
      text: localizedText,
      format: z.enum(['markdown', 'plain']).default('markdown'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('suggestedActions'),
      text: localizedText,
      actions: z
        .array(z.object({ title: localizedText, value: z.string().optional() }).strict())
        .min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('heroCard'),
      title: localizedText,
      subtitle: localizedText.optional(),
      text: localizedText.optional(),
      images: z.array(z.string()).optional(),
      buttons: z.array(button).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('adaptiveCard'),
      card: z.union([
        adaptiveCard,
        z.object({ en: adaptiveCard, fr: adaptiveCard.optional(), es: adaptiveCard.optional() }),
      ]),
    })
    .strict(),
  z.object({ kind: z.literal('shareLocation'), text: localizedText.optional() }).strict(),
  z
    .object({ kind: z.literal('event'), name: z.string().min(1), value: z.unknown().optional() })
    .strict(),
  z
    .object({
      kind: z.literal('escalate'),
      reason: z.string().min(1),
      priority: priority.default('normal'),
      text: localizedText.optional(),
      via: z.array(escalationSignal).min(1).optional(),
    })
    .strict(),
]);
export type Reply = z.infer<typeof reply>;

/** `goto`: a step id of the same scenario, or `$end` to finish the scenario. */
const goto = z.string().min(1).optional();
const answerBase = { goto, say: z.array(reply).optional() };

/** What the patient may answer to a step; the first that matches wins. */
export const expectation = z.discriminatedUnion('on', [
  z.object({ on: z.literal('text'), patterns, ...answerBase }).strict(),
  z
    .object({ on: z.literal('submit'), require: z.array(z.string()).optional(), ...answerBase })
    .strict(),
  z.object({ on: z.literal('location'), ...answerBase }).strict(),
  z.object({ on: z.literal('any'), ...answerBase }).strict(),
]);
export type Expectation = z.infer<typeof expectation>;

export const step = z
  .object({
    id: z.string().min(1),
    say: z.array(reply).default([]),
    /** When present, the scenario waits here for the patient's answer. */
    expect: z.array(expectation).min(1).optional(),
    /** Said when no expectation matches (default: the built-in "I didn't understand"). */
    fallback: localizedText.optional(),
    /** Step after this one when it does not wait (default: the next in the list). */
    next: goto,
  })
  .strict();
export type Step = z.infer<typeof step>;

export const scenario = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, _ . - only'),
    title: localizedText,
    description: z.string().optional(),
    /** Runs when a conversation is initialised without a `triggeredScenario`. */
    welcome: z.boolean().default(false),
    /** Its triggers are checked first, even in the middle of another scenario. */
    interrupt: z.boolean().default(false),
    triggers: patterns.optional(),
    steps: z.array(step).min(1),
  })
  .strict();
export type Scenario = z.infer<typeof scenario>;
export type ScenarioInput = z.input<typeof scenario>;
