import type { ContentItem, MacroAction } from '@baton/handoff-protocol';
import { useState } from 'preact/hooks';
import { pickLocale, translator } from '../../i18n';
import type { ConsoleSession } from '../../session/session';
import type { ConversationView } from '../../session/state';
import { useConsole } from '../context';
import { Dialog } from '../Dialog';
import { defaultSurvey } from '../offers';
import { insertIntoComposer } from './insert-bus';
import { Tabs } from './SideTabs';
import { type ConversationContent, useConversationContent } from './useConversationContent';
import { fillContentVariables } from './variables';

export interface AssistPanelProps {
  session: ConsoleSession;
  view: ConversationView;
}

/** The queue's script steps, knowledge search and macros, beside the conversation. */
export function AssistPanel({ session, view }: AssistPanelProps) {
  const { t } = useConsole();
  const content = useConversationContent(session, view.conversationId);
  const id = view.conversationId;
  return (
    <Tabs
      label={t('assistTabsLabel')}
      idPrefix={`assist-${id}`}
      tabs={[
        {
          id: 'script',
          label: t('assistScripts'),
          render: () => <Scripts id={id} content={content} />,
        },
        {
          id: 'knowledge',
          label: t('assistKnowledge'),
          render: () => <Knowledge id={id} content={content} />,
        },
        {
          id: 'macros',
          label: t('assistMacros'),
          render: () => <Macros session={session} view={view} content={content} />,
        },
      ]}
    />
  );
}

const ofKind = (content: ConversationContent, kind: ContentItem['kind']) =>
  (content.items ?? []).filter((i) => i.kind === kind);

function Scripts({ id, content }: { id: string; content: ConversationContent }) {
  const { t } = useConsole();
  if (content.items === null) return <p class="muted">{t('assistLoading')}</p>;
  const scripts = ofKind(content, 'script');
  if (scripts.length === 0) return <p class="muted">{t('assistNoScript')}</p>;
  return (
    <div class="assist-scripts">
      {scripts.map((script) => (
        <section key={script.id} aria-label={script.title}>
          <h3>{script.title}</h3>
          <ol>
            {(script.steps ?? []).map((step, i) => {
              const text = fillContentVariables(step.text, content.variables);
              return (
                <li key={i}>
                  {step.label ? <strong>{step.label}</strong> : null}
                  <p>{text}</p>
                  <button
                    type="button"
                    aria-label={t('insertStepLabel', { n: i + 1 })}
                    onClick={() => insertIntoComposer(id, text)}
                  >
                    {t('insertStep')}
                  </button>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </div>
  );
}

function Knowledge({ id, content }: { id: string; content: ConversationContent }) {
  const { t } = useConsole();
  const [query, setQuery] = useState('');
  if (content.items === null) return <p class="muted">{t('assistLoading')}</p>;
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const articles = ofKind(content, 'article').filter((a) => {
    const haystack = `${a.title} ${a.body} ${(a.tags ?? []).join(' ')}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
  const searchId = `knowledge-search-${id}`;
  return (
    <div class="assist-knowledge">
      <label for={searchId}>{t('knowledgeSearch')}</label>
      <input
        id={searchId}
        type="search"
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      <p class="vh" role="status">
        {articles.length === 0 ? t('knowledgeNone') : ''}
      </p>
      {articles.length === 0 ? <p class="muted">{t('knowledgeNone')}</p> : null}
      <ul>
        {articles.slice(0, 20).map((article) => {
          const body = fillContentVariables(article.body, content.variables);
          return (
            <li key={article.id}>
              <h3>{article.title}</h3>
              {article.tags?.length ? <p class="tags">{article.tags.join(' · ')}</p> : null}
              <p class="snippet">{body}</p>
              <div class="row">
                <button type="button" onClick={() => insertIntoComposer(id, body)}>
                  {t('insertSnippet')}
                </button>
                {article.link ? (
                  <button
                    type="button"
                    onClick={() => insertIntoComposer(id, `[${article.title}](${article.link})`)}
                  >
                    {t('insertLink')}
                  </button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Macros({ session, view, content }: AssistPanelProps & { content: ConversationContent }) {
  const { t, offers } = useConsole();
  const [confirming, setConfirming] = useState<ContentItem | null>(null);
  const [done, setDone] = useState('');
  if (content.items === null) return <p class="muted">{t('assistLoading')}</p>;
  const macros = ofKind(content, 'macro');
  const id = view.conversationId;
  const describe = (action: MacroAction) => {
    switch (action.kind) {
      case 'message':
        return t('macroStepMessage', {
          text: fillContentVariables(action.text, content.variables),
        });
      case 'survey':
        return t('macroStepSurvey');
      case 'end':
        return t('macroStepEnd');
      default: {
        const never: never = action;
        return never;
      }
    }
  };
  /** In order: the message first, so the patient reads it before the survey and the end. */
  const run = (macro: ContentItem) => {
    const patientT = translator(pickLocale([view.request.patient.locale]));
    for (const action of macro.actions ?? []) {
      if (action.kind === 'message')
        session.sendMessage(id, fillContentVariables(action.text, content.variables));
      else if (action.kind === 'survey')
        session.offerSurvey(id, (offers.survey ?? defaultSurvey)(patientT));
      else session.end(id, action.reason);
    }
    setConfirming(null);
    setDone(t('macroRan', { title: macro.title }));
  };
  return (
    <div class="assist-macros">
      <p class="vh" role="status">
        {done}
      </p>
      {macros.length === 0 ? <p class="muted">{t('macrosNone')}</p> : null}
      <ul>
        {macros.map((macro) => (
          <li key={macro.id}>
            <h3>{macro.title}</h3>
            <ol>
              {(macro.actions ?? []).map((action, i) => (
                <li key={i}>{describe(action)}</li>
              ))}
            </ol>
            <button type="button" onClick={() => setConfirming(macro)}>
              {t('runMacro')}
            </button>
          </li>
        ))}
      </ul>
      {confirming ? (
        <Dialog
          title={t('macroConfirmTitle', { title: confirming.title })}
          onClose={() => setConfirming(null)}
        >
          <ol>
            {(confirming.actions ?? []).map((action, i) => (
              <li key={i}>{describe(action)}</li>
            ))}
          </ol>
          <div class="row">
            <button type="button" class="primary" onClick={() => run(confirming)}>
              {t('macroConfirm')}
            </button>
            <button type="button" onClick={() => setConfirming(null)}>
              {t('contentCancel')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
