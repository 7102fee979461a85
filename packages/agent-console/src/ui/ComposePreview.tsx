import { useConsole } from './context';
import { RichText } from './RichText';

/**
 * The markdown toggle under the composer: a hint of the syntax and a Preview button; the
 * preview shows the draft exactly as the patient's widget will render it (the same renderer).
 */
export function ComposePreview(props: {
  id: string;
  text: string;
  shown: boolean;
  disabled: boolean;
  onToggle(): void;
}) {
  const { t } = useConsole();
  return (
    <>
      <div class="compose-format">
        <button
          type="button"
          aria-pressed={props.shown}
          aria-controls={props.shown ? props.id : undefined}
          disabled={props.disabled}
          onClick={props.onToggle}
        >
          {t('composePreview')}
        </button>
        <span>{t('composeFormatHint')}</span>
      </div>
      {props.shown ? (
        <section id={props.id} class="compose-preview" aria-label={t('composePreview')}>
          {props.text.trim() ? (
            <RichText text={props.text} format="markdown" />
          ) : (
            <p class="muted">{t('composePreviewEmpty')}</p>
          )}
        </section>
      ) : null}
    </>
  );
}
