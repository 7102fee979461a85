import type { Activity } from '../directline/activity';
import {
  clearResumeHandle,
  type ResumeHandle,
  readResumeHandle,
} from '../directline/resume-handle';
import { BatonWidgetError, isBatonWidgetError } from '../errors';
import type { ChatSession, GetSession, SessionRequest, TriggeredScenario } from '../types';

/**
 * A session from the portal's backend: resuming the conversation named by the stored handle
 * when there is one, else (or when the backend refuses the resume) a new conversation, for
 * which the backend may post `InitConversation` itself (`init`).
 */
export async function openSession(
  fetchSession: GetSession,
  locale: string,
  storage: Storage | null,
  now: number,
  init: NonNullable<SessionRequest['init']> = {},
): Promise<{ session: ChatSession; handle: ResumeHandle | null }> {
  const getSession: GetSession = (request) =>
    fetchSession(request).catch((cause: unknown) => {
      throw isBatonWidgetError(cause) ? cause : new BatonWidgetError('session_failed', { cause });
    });
  const handle = readResumeHandle(storage, now);
  if (!handle) return { session: await getSession({ locale, init }), handle: null };
  try {
    const resume = {
      conversationId: handle.conversationId,
      ...(handle.resumeBinding ? { resumeBinding: handle.resumeBinding } : {}),
    };
    return { session: await getSession({ locale, resume }), handle };
  } catch {
    // The old conversation cannot be resumed (expired, revoked, not this patient's).
    clearResumeHandle(storage);
    return { session: await getSession({ locale, init }), handle: null };
  }
}

/** What the backend needs to post `InitConversation` as the widget would. */
export function initRequest(
  scenario: TriggeredScenario | undefined,
  context: Record<string, string>,
): NonNullable<SessionRequest['init']> {
  return scenario
    ? { triggeredScenario: { trigger: scenario.trigger, args: { ...context, ...scenario.args } } }
    : {};
}

/** Health Bot's `InitConversation` invoke: the signed patient token and an optional scenario. */
export function initConversationActivity(
  patientToken: string,
  locale: string,
  scenario: TriggeredScenario | undefined,
  context: Record<string, string>,
): Activity {
  return {
    type: 'invoke',
    name: 'InitConversation',
    locale,
    value: {
      jsonWebToken: patientToken,
      ...(scenario
        ? {
            triggeredScenario: {
              trigger: scenario.trigger,
              args: { ...context, ...scenario.args },
            },
          }
        : {}),
    },
  };
}
