import {
  BatonProtocolError,
  checkSurveyResponse,
  createId,
  type Survey,
  type SurveyResponse,
} from '@baton/handoff-protocol';
import type { PatientPrincipal, StaffPrincipal } from '../../auth/principal';
import { endSurveyFor } from '../../insights/end-survey';
import { HandoffServerError } from '../../internal/errors';
import type { MessageRecord } from '../../storage/records';
import { errorCode } from '../core';
import type { AgentAckFrame, AgentFrame, PatientAckFrame, PatientFrame } from '../frames';
import { logKey } from '../log-record';
import { refuse } from '../refusals';
import { ackFrame, followUpRecord, followUpsOfType, sameEarlier } from './commit';
import { toStoredAnswers, toStoredSurvey } from './survey-records';
import type { FollowUpContext } from './types';

/** An agent may offer a survey while chatting or once the chat has ended. */
const OFFER_STATES = new Set(['assigned', 'ended']);

/**
 * Satisfaction surveys: offered by an agent (`survey.offer`) or by the server when an agent
 * conversation ends (`surveyOnEnd`), logged as `survey.request`; the patient's
 * `survey.response` is checked against the survey it answers, stored once, and reported to
 * agents as `survey.completed`.
 */
export class SurveyFlow {
  readonly #ctx: FollowUpContext;
  readonly #onEnd: Survey | null;

  constructor(ctx: FollowUpContext, surveyOnEnd: Survey | null) {
    this.#ctx = ctx;
    this.#onEnd = surveyOnEnd;
  }

  async offer(staff: StaffPrincipal, frame: AgentFrame<'survey.offer'>): Promise<AgentAckFrame> {
    const { core, access } = this.#ctx;
    const { conversationId } = frame;
    const key = logKey('agent', frame.clientMessageId);
    const event = { type: 'survey.request' as const, survey: frame.survey };
    const record = await core.run(conversationId, async () => {
      const conversation = await access.staff(staff, conversationId);
      const log = await core.readLog(conversationId);
      const earlier = sameEarlier(log, key, staff.staffId, event);
      if (earlier) return earlier;
      if (!OFFER_STATES.has(conversation.state))
        throw refuse.illegal(conversation.state, 'survey.offer');
      if (offered(log, frame.survey.id))
        throw refuse.conflict('This survey was already offered in this conversation');
      await core.store.saveSurvey(toStoredSurvey(frame.survey));
      return core.append(conversationId, followUpRecord(key, 'agent', staff.staffId, event));
    });
    return ackFrame(conversationId, frame.clientMessageId, record.seq);
  }

  /** Called for every committed state change: an agent conversation that ended gets the survey. */
  conversationEnded(conversationId: string): void {
    const { core } = this.#ctx;
    core
      .run(conversationId, async () => {
        // The administrator's survey in the language the patient chats in (picked in the
        // widget; only which text she reads, nothing trusted), else her portal's language.
        const request = await core.request(conversationId);
        const language = request?.statedByPatient?.locale ?? request?.patient.locale;
        const survey = await endSurveyFor(core.store, language, this.#onEnd);
        if (!survey) return;
        const log = await core.readLog(conversationId);
        // One survey per chat: an agent (or her wrap-up macro) offered one already.
        if (followUpsOfType(log, 'survey.request').length > 0) return;
        await core.store.saveSurvey(toStoredSurvey(survey));
        await core.append(
          conversationId,
          followUpRecord(logKey('event', `survey-on-end:${survey.id}`), 'system', 'baton', {
            type: 'survey.request',
            survey,
          }),
        );
      })
      .catch((error: unknown) => {
        core.logger.warn({ conversationId, err: errorCode(error) }, 'survey not offered');
      });
  }

  async respond(
    patient: PatientPrincipal,
    frame: PatientFrame<'survey.response'>,
    onAuthorized?: () => void,
  ): Promise<PatientAckFrame> {
    const { core, access } = this.#ctx;
    const { conversationId, response } = frame;
    const key = logKey('patient', frame.clientMessageId);
    const event = { type: 'survey.completed' as const, response };
    const outcome = await core.run(conversationId, async () => {
      await access.patient(patient, conversationId);
      onAuthorized?.();
      const log = await core.readLog(conversationId);
      const earlier = sameEarlier(log, key, patient.patientId, event);
      if (earlier) return { record: earlier, fresh: false };
      const survey = lastOffered(log, response.surveyId);
      if (!survey) throw refuse.invalid('No survey with this id was offered in this conversation');
      const issues = checkSurveyResponse(survey, response);
      if (issues.length > 0) {
        throw new BatonProtocolError('invalid_message', 'The answers do not fit the survey', {
          details: {
            issues: issues.map((issue) => ({
              path: `response.answers.${issue.questionId}`,
              message: issue.problem,
            })),
          },
        });
      }
      if (
        followUpsOfType(log, 'survey.completed').some(
          (c) => c.event.response.surveyId === survey.id,
        )
      )
        throw refuse.conflict('This survey was already answered');
      await this.#store(survey, conversationId, patient.patientId, response);
      const record = await core.append(
        conversationId,
        followUpRecord(key, 'patient', patient.patientId, event),
      );
      return { record, fresh: true };
    });
    if (outcome.fresh) {
      this.#ctx.notify({
        type: 'survey.completed',
        conversationId,
        surveyId: response.surveyId,
        seq: outcome.record.seq,
      });
    }
    return ackFrame(conversationId, frame.clientMessageId, outcome.record.seq);
  }

  /**
   * One response per (survey, conversation) in the store. A `conflict` with the very same
   * answers is an earlier attempt that stored the response but not the log entry: carry on.
   */
  async #store(
    survey: Survey,
    conversationId: string,
    patientId: string,
    response: SurveyResponse,
  ): Promise<void> {
    const { store } = this.#ctx.core;
    const answers = toStoredAnswers(response);
    const record = { surveyId: survey.id, conversationId, patientId, answers };
    try {
      await store.recordSurveyResponse({ id: createId(), ...record });
    } catch (error) {
      if (HandoffServerError.is(error, 'not_found')) {
        await store.saveSurvey(toStoredSurvey(survey));
        await store.recordSurveyResponse({ id: createId(), ...record });
        return;
      }
      if (!HandoffServerError.is(error, 'conflict')) throw error;
      const stored = await store.listSurveyResponses({ surveyId: survey.id, conversationId });
      const same = stored.some(
        (r) => r.patientId === patientId && JSON.stringify(r.answers) === JSON.stringify(answers),
      );
      if (!same) throw refuse.conflict('This survey was already answered');
    }
  }
}

function offered(log: readonly MessageRecord[], surveyId: string): boolean {
  return lastOffered(log, surveyId) !== null;
}

function lastOffered(log: readonly MessageRecord[], surveyId: string): Survey | null {
  const requests = followUpsOfType(log, 'survey.request').filter(
    (r) => r.event.survey.id === surveyId,
  );
  return requests.length > 0 ? requests[requests.length - 1]!.event.survey : null;
}
