import type { CardSummary } from '@baton/handoff-protocol';
import { useConsole } from '../context';
import { RichText } from '../RichText';
import { ActionLabels, AdaptiveCardView } from './AdaptiveCardView';

/** The card's own text: its summary without the title, subtitle and button lines. */
function bodyText(card: CardSummary): string {
  const lines = card.summary.split('\n');
  if (card.title !== undefined && lines[0] === card.title) lines.shift();
  if (card.subtitle !== undefined && lines[0] === card.subtitle) lines.shift();
  if (card.buttons?.length) lines.pop();
  return lines.join('\n');
}

/**
 * A card the bot sent, as a card (read-only): an Adaptive Card from its kept JSON, a hero or
 * thumbnail card from its title, subtitle, text and buttons; the summary when nothing else
 * was kept.
 */
export function CardView({ card }: { card: CardSummary }) {
  const { t } = useConsole();
  const adaptive = card.kind === 'adaptive' && card.content !== undefined;
  const label = card.title ?? t('card');
  return (
    <figure class={`bot-card kind-${card.kind}`} aria-label={label}>
      {card.title ? <p class="card-title">{card.title}</p> : null}
      {card.subtitle ? <p class="card-subtitle muted">{card.subtitle}</p> : null}
      {adaptive ? (
        <AdaptiveCardView content={card.content} />
      ) : (
        <>
          {card.kind === 'adaptive' ? (
            <RichText text={card.summary} format="markdown" />
          ) : (
            <RichText text={bodyText(card)} format="markdown" />
          )}
          <ActionLabels titles={(card.buttons ?? []).map((b) => b.title)} />
        </>
      )}
    </figure>
  );
}
