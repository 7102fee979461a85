import { format } from '../../i18n/strings';
import { AppointmentPicker } from './Appointment';
import { AttachmentSlot } from './AttachmentSlot';
import { CallInvitation } from './Call';
import { FallbackChoices } from './Fallback';
import { agentName } from './Status';
import { SurveyForm } from './Survey';
import type { HandoffViewProps } from './types';

/** Below the log: the agent typing, follow-ups (fallbacks, survey, appointment, call), the way back. */
export function HandoffPanel(props: HandoffViewProps & { opensInNewTab: string }) {
  const { state, actions, strings, locale } = props;
  const terminal = !['requesting', 'queued', 'assigned'].includes(state.phase);
  return (
    <div class="handoff">
      {state.agentTyping && state.phase === 'assigned' && (
        <p class="typing">
          {format(strings.agentTyping, { name: agentName(state.agent, strings) })}
        </p>
      )}
      {state.phase === 'failed' && state.failure?.notice && (
        <p class="handoff-notice">{state.failure.notice}</p>
      )}
      {state.phase === 'failed' && state.failure && (
        <FallbackChoices
          options={state.failure.fallbacks}
          fallback={state.fallback}
          strings={strings}
          onChoose={(choice) => actions.chooseFallback(choice)}
        />
      )}
      {state.appointment && (
        <AppointmentPicker
          offer={state.appointment}
          confirmed={state.confirmed}
          cancelled={state.cancelled}
          change={state.change}
          strings={strings}
          locale={locale}
          onSelect={(slotId) => actions.selectSlot(slotId)}
          onChange={(type) => actions.changeAppointment(type)}
        />
      )}
      {state.call && state.phase === 'assigned' && (
        <CallInvitation
          call={state.call}
          strings={strings}
          locale={locale}
          opensInNewTab={props.opensInNewTab}
        />
      )}
      {state.survey && (
        <SurveyForm
          key={state.survey.value.id}
          survey={state.survey}
          strings={strings}
          onSubmit={(answers) =>
            actions.answerSurvey({ surveyId: state.survey?.value.id ?? '', answers })
          }
        />
      )}
      <div class="actions">
        {(state.phase === 'queued' || state.phase === 'assigned') && state.attachments && (
          <AttachmentSlot view="Attach" actions={actions} locale={locale} />
        )}
        <button
          type="button"
          class="action"
          onClick={(event) => {
            const from = event.currentTarget;
            void import('./transcript-copy').then((m) => m.printTranscript(from, locale));
          }}
        >
          {strings.saveTranscript}
        </button>
        {!terminal ? (
          <button type="button" class="action" onClick={() => actions.leave()}>
            {strings.leave}
          </button>
        ) : (
          // Returned to the bot: she is already with the assistant.
          state.phase !== 'returned' && (
            <button type="button" class="action" onClick={props.onBack}>
              {strings.back}
            </button>
          )
        )}
      </div>
    </div>
  );
}
