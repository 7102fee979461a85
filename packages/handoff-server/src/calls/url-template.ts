import { randomBytes } from 'node:crypto';
import { type CallOffer, createId } from '@baton/handoff-protocol';
import { HandoffServerError } from '../internal/errors';
import type { CallProvider } from './provider';

export interface UrlTemplateCallOptions {
  /**
   * The patient's link, e.g. `https://meet.jit.si/clinic-{random}` or a fixed Teams meeting
   * link. `{conversationId}` and `{random}` (22 unguessable characters, one per meeting) are
   * replaced.
   */
  patientTemplate: string;
  /** The agent's link (e.g. a host URL); default the patient's. Same `{random}`. */
  agentTemplate?: string;
  /** How the widget labels the call. Default `webrtc` (`teams` for teams.microsoft.com). */
  provider?: CallOffer['provider'];
}

function checkTemplate(template: string, name: string): void {
  let url: URL;
  try {
    url = new URL(template.replaceAll('{conversationId}', 'x').replaceAll('{random}', 'x'));
  } catch {
    throw new HandoffServerError('invalid_config', `${name} is not a URL`);
  }
  if (url.protocol !== 'https:')
    throw new HandoffServerError('invalid_config', `${name}: https only`);
}

/** Meetings from a URL template: Jitsi, Whereby, a standing Teams link. No network call. */
export function urlTemplateCallProvider(options: UrlTemplateCallOptions): CallProvider {
  checkTemplate(options.patientTemplate, 'the call URL template');
  if (options.agentTemplate) checkTemplate(options.agentTemplate, 'the agent call URL template');
  const provider =
    options.provider ??
    (new URL(options.patientTemplate.replaceAll(/\{\w+\}/g, 'x')).hostname.endsWith(
      'teams.microsoft.com',
    )
      ? 'teams'
      : 'webrtc');
  return {
    name: 'url-template',
    async createMeeting(request) {
      const random = randomBytes(16).toString('base64url');
      const fill = (template: string) =>
        template
          .replaceAll('{conversationId}', encodeURIComponent(request.conversationId))
          .replaceAll('{random}', random);
      const patientJoinUrl = fill(options.patientTemplate);
      return {
        callId: createId(),
        provider,
        patientJoinUrl,
        agentJoinUrl: options.agentTemplate ? fill(options.agentTemplate) : patientJoinUrl,
        expiresAt: request.expiresAt,
      };
    },
  };
}
