import type { Activity } from '../directline/activity';
import {
  clearResumeHandle,
  type ResumeHandle,
  readResumeHandle,
} from '../directline/resume-handle';
import { BatonWidgetError, isBatonWidgetError } from '../errors';
import type { ChatSession, GetSession, TriggeredScenario } from '../types';

/**
 * A session from the portal's backend: resuming the conversation named by the stored handle
 * when there is one, else (or when the backend refuses the resume) a new conversation.
 */
export async function openSession(
  fetchSession: GetSession,
  locale: string,
  storage: Storage | null,
  now: number,
): Promise<{ session: ChatSession; handle: ResumeHandle | null }> {
  const getSession: GetSession = (request) =>
    fetchSession(request).catch((cause: unknown) => {
      throw isBatonWidgetError(cause) ? cause : new BatonWidgetError('session_failed', { cause });
    });
  const handle = readResumeHandle(storage, now);
  if (!handle) return { session: await getSession({ locale }), handle: null };
  try {
    const resume = {
      conversationId: handle.conversationId,
      ...(handle.resumeBinding ? { resumeBinding: handle.resumeBinding } : {}),
    };
    return { session: await getSession({ locale, resume }), handle };
  } catch {
    // The old conversation cannot be resumed (expired, revoked, not this patient's).
    clearResumeHandle(storage);
    return { session: await getSession({ locale }), handle: null };
  }
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
