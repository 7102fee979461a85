import { type Activity, isRecord } from '../activity.js';
import { deliverBotActivity } from '../channel/deliver.js';
import type { BotBackend, EmulatorContext } from '../context.js';
import type { Conversation } from '../conversations/conversation.js';
import { agentRequest, builtInText, matches, toLocale } from './language.js';
import { endOfScenario } from './load.js';
import { locationOf, type PatientInput, parseValue } from './patientInput.js';
import { PatientTokenVerifier } from './patientToken.js';
import { escalationActivities, type Outgoing, type ReplyContext, renderReply } from './replies.js';
import type { Expectation, Locale, Reply, Scenario } from './schema.js';

interface SimulatorState {
  initialized: boolean;
  locale: Locale;
  vars: {
    patient: Record<string, unknown>;
    args: Record<string, unknown>;
    answers: Record<string, unknown>;
  };
  active: { scenario: Scenario; step: number } | undefined;
}

/** Steps one turn may walk through without waiting, against scenario loops. */
const maxStepsPerTurn = 50;

/**
 * The Health Bot simulator: scenario-driven conversations answering `InitConversation`,
 * free text, card submits and shared locations, with the built-in "agent" escalation and
 * "I didn't understand" fallback.
 */
export class HealthBotSimulator implements BotBackend {
  private readonly scenarios: readonly Scenario[];
  private readonly ctx: () => EmulatorContext;
  private readonly verifier: PatientTokenVerifier;
  private readonly states = new WeakMap<Conversation, SimulatorState>();

  constructor(
    scenarios: readonly Scenario[],
    ctx: () => EmulatorContext,
    patientTokenKey?: string,
  ) {
    this.scenarios = scenarios;
    this.ctx = ctx;
    this.verifier = new PatientTokenVerifier(patientTokenKey);
  }

  async conversationStarted(): Promise<void> {
    // Health Bot greets on InitConversation (or on the patient's first message).
  }

  async close(): Promise<void> {}

  async activityReceived(conversation: Conversation, activity: Activity): Promise<void> {
    const state = this.stateOf(conversation, activity);
    if (activity.type === 'invoke' && activity.name === 'InitConversation') {
      await this.initConversation(conversation, state, activity);
      return;
    }
    const shareEvent = this.ctx().options.shareLocationEvent.toLowerCase();
    if (activity.type === 'event' && activity.name?.toLowerCase() === shareEvent) {
      await this.handleInput(conversation, state, {
        text: undefined,
        submitted: undefined,
        location: locationOf(activity.value),
      });
      return;
    }
    if (activity.type !== 'message') return;
    // Each message's locale: the patient may change language mid-conversation (the widget's
    // language menu), and the bot answers in the language of the message it answers.
    if (typeof activity.locale === 'string') state.locale = toLocale(activity.locale);
    const firstContact = !state.initialized;
    if (firstContact) {
      state.initialized = true;
      await this.startWelcome(conversation, state);
    }
    const value = parseValue(activity.value);
    const location = locationOf(value);
    const text =
      typeof activity.text === 'string' && activity.text.trim() ? activity.text : undefined;
    await this.handleInput(
      conversation,
      state,
      { text, submitted: !location && isRecord(value) ? value : undefined, location },
      firstContact,
    );
  }

  private stateOf(conversation: Conversation, activity: Activity): SimulatorState {
    let state = this.states.get(conversation);
    if (!state) {
      state = {
        initialized: false,
        locale: toLocale(activity.locale ?? conversation.locale),
        vars: { patient: { name: conversation.user?.name }, args: {}, answers: {} },
        active: undefined,
      };
      this.states.set(conversation, state);
    }
    return state;
  }

  private async initConversation(
    conversation: Conversation,
    state: SimulatorState,
    activity: Activity,
  ) {
    if (state.initialized) return;
    const value = isRecord(activity.value) ? activity.value : {};
    const jwt = typeof value.jsonWebToken === 'string' ? value.jsonWebToken : undefined;
    if (jwt !== undefined) {
      const identity = await this.verifier.verify(jwt);
      if (!identity) {
        await this.send(conversation, state, [
          { kind: 'text', text: builtInText.identityRejected, format: 'plain' },
        ]);
        return;
      }
      const claims = identity.claims;
      state.vars.patient = {
        id: claims.userId ?? claims.sub,
        name: claims.userName ?? claims.name ?? conversation.user?.name,
        verified: identity.verified,
      };
      if (typeof claims.locale === 'string') state.locale = toLocale(claims.locale);
    }
    const locale = value.locale ?? activity.locale;
    if (typeof locale === 'string') state.locale = toLocale(locale);
    state.initialized = true;
    const triggered = isRecord(value.triggeredScenario) ? value.triggeredScenario : undefined;
    if (!triggered) return this.startWelcome(conversation, state);
    state.vars.args = isRecord(triggered.args) ? triggered.args : {};
    const scenario = this.scenarios.find((s) => s.id === triggered.trigger);
    if (!scenario) {
      await this.send(conversation, state, [
        { kind: 'text', text: builtInText.unknownScenario, format: 'plain' },
      ]);
      return;
    }
    await this.start(conversation, state, scenario);
  }

  private async startWelcome(conversation: Conversation, state: SimulatorState) {
    const welcome = this.scenarios.find((s) => s.welcome);
    if (welcome) await this.start(conversation, state, welcome);
  }

  private async handleInput(
    conversation: Conversation,
    state: SimulatorState,
    input: PatientInput,
    quietFallback = false,
  ): Promise<void> {
    const { text } = input;
    const interrupt =
      text &&
      this.scenarios.find(
        (s) => s.interrupt && s.triggers && matches(text, s.triggers, state.locale),
      );
    if (interrupt) return this.start(conversation, state, interrupt);
    if (text && matches(text, agentRequest, state.locale)) {
      return this.escalateOnRequest(conversation, state);
    }
    if (state.active) {
      const { scenario, step: index } = state.active;
      const step = scenario.steps[index]!;
      const expectation = step.expect?.find((e) => this.fits(e, input, state.locale));
      if (expectation) {
        state.vars.answers[step.id] = input.location ?? input.submitted ?? input.text;
        await this.send(conversation, state, expectation.say ?? []);
        return this.walk(
          conversation,
          state,
          scenario,
          this.after(scenario, index, expectation.goto ?? step.next),
        );
      }
    }
    const triggered =
      text &&
      this.scenarios.find(
        (s) => !s.interrupt && s.triggers && matches(text, s.triggers, state.locale),
      );
    if (triggered) return this.start(conversation, state, triggered);
    if (quietFallback) return;
    const stepFallback = state.active?.scenario.steps[state.active.step]?.fallback;
    await this.send(conversation, state, [
      { kind: 'text', text: stepFallback ?? builtInText.notUnderstood, format: 'markdown' },
    ]);
  }

  private fits(expectation: Expectation, input: PatientInput, locale: Locale): boolean {
    switch (expectation.on) {
      case 'text':
        return input.text !== undefined && matches(input.text, expectation.patterns, locale);
      case 'submit': {
        const submitted = input.submitted;
        if (!submitted) return false;
        return (expectation.require ?? []).every(
          (k) => submitted[k] !== undefined && submitted[k] !== '',
        );
      }
      case 'location':
        return input.location !== undefined;
      case 'any':
        return (
          input.text !== undefined || input.submitted !== undefined || input.location !== undefined
        );
    }
  }

  private async escalateOnRequest(conversation: Conversation, state: SimulatorState) {
    state.active = undefined;
    const activities = escalationActivities(
      'patient-request',
      'normal',
      undefined,
      this.ctx().options.escalateVia,
      this.replyContext(conversation, state),
    );
    await this.emit(
      conversation,
      state,
      activities.map((activity) => ({ activity })),
    );
  }

  private start(conversation: Conversation, state: SimulatorState, scenario: Scenario) {
    return this.walk(conversation, state, scenario, 0);
  }

  /** Index of the step after `index`, given an explicit target (or the next in the list). */
  private after(scenario: Scenario, index: number, target: string | undefined): number | undefined {
    if (target === endOfScenario) return;
    if (target === undefined) return index + 1 < scenario.steps.length ? index + 1 : undefined;
    return scenario.steps.findIndex((s) => s.id === target);
  }

  private async walk(
    conversation: Conversation,
    state: SimulatorState,
    scenario: Scenario,
    from: number | undefined,
  ) {
    let index = from;
    state.active = undefined;
    for (let walked = 0; index !== undefined && walked < maxStepsPerTurn; walked += 1) {
      const step = scenario.steps[index]!;
      state.active = { scenario, step: index };
      await this.send(conversation, state, step.say);
      if (step.expect) return;
      index = this.after(scenario, index, step.next);
    }
    state.active = undefined;
  }

  private replyContext(conversation: Conversation, state: SimulatorState): ReplyContext {
    const { options } = this.ctx();
    return {
      locale: state.locale,
      vars: state.vars,
      scenarioId: state.active?.scenario.id,
      escalateVia: options.escalateVia,
      customEscalationEvent: options.customEscalationEvent,
      shareLocationEvent: options.shareLocationEvent,
      typingDelayMs: options.typingDelayMs,
      // Messages only: the InitConversation invoke carries the patient's JWT.
      transcript: () => conversation.transcript(100).filter((a) => a.type === 'message'),
    };
  }

  private send(conversation: Conversation, state: SimulatorState, replies: readonly Reply[]) {
    const ctx = this.replyContext(conversation, state);
    return this.emit(
      conversation,
      state,
      replies.flatMap((r) => renderReply(r, ctx)),
    );
  }

  private async emit(conversation: Conversation, state: SimulatorState, outgoing: Outgoing[]) {
    const ctx = this.ctx();
    for (const item of outgoing) {
      if ('pauseMs' in item) {
        await new Promise((resolve) => setTimeout(resolve, item.pauseMs));
        continue;
      }
      deliverBotActivity(ctx, conversation, {
        ...item.activity,
        from: ctx.bot,
        locale: state.locale,
      });
    }
  }
}
