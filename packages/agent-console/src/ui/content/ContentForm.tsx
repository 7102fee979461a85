import type { ContentDraft, ContentItem, ContentKind, MacroAction } from '@baton/handoff-protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useConsole } from '../context';
import { kindLabel } from './kind-label';

export interface ContentFormProps {
  /** The item edited; `null` creates one. */
  item: ContentItem | null;
  onSave: (draft: ContentDraft) => void;
  onCancel: () => void;
}

const SHORTCUT = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** `Label | text`, or the text alone. */
function stepOf(line: string): { label?: string; text: string } {
  const at = line.indexOf(' | ');
  if (at <= 0 || at > 120) return { text: line };
  return { label: line.slice(0, at).trim(), text: line.slice(at + 3).trim() };
}

/** Create or edit one item; each kind shows the fields it needs. */
export function ContentForm({ item, onSave, onCancel }: ContentFormProps) {
  const { t } = useConsole();
  const [kind, setKind] = useState<ContentKind>(item?.kind ?? 'canned');
  const [queue, setQueue] = useState(item?.queue ?? '');
  const [title, setTitle] = useState(item?.title ?? '');
  const [shortcut, setShortcut] = useState(item?.shortcut ?? '');
  const [body, setBody] = useState(item?.body ?? '');
  const [steps, setSteps] = useState(
    (item?.steps ?? []).map((s) => (s.label ? `${s.label} | ${s.text}` : s.text)).join('\n'),
  );
  const [tags, setTags] = useState((item?.tags ?? []).join(', '));
  const [link, setLink] = useState(item?.link ?? '');
  const message = item?.actions?.find((a) => a.kind === 'message');
  const [macroText, setMacroText] = useState(message?.kind === 'message' ? message.text : '');
  const [macroSurvey, setMacroSurvey] = useState(
    item ? (item.actions ?? []).some((a) => a.kind === 'survey') : true,
  );
  const [macroEnd, setMacroEnd] = useState(
    item ? (item.actions ?? []).some((a) => a.kind === 'end') : true,
  );
  const [invalid, setInvalid] = useState(false);
  const prefix = `content-${item?.id ?? 'new'}`;
  const titleInput = useRef<HTMLInputElement>(null);
  // Opened from a button: the keyboard lands in the form.
  useEffect(() => titleInput.current?.focus(), []);

  const draft = (): ContentDraft | null => {
    const base = { kind, queue: queue.trim() || null, title: title.trim(), body: body.trim() };
    if (!base.title) return null;
    const edit = item ? { id: item.id, expectedVersion: item.version } : {};
    switch (kind) {
      case 'canned':
        if (!SHORTCUT.test(shortcut.trim()) || !base.body) return null;
        return { ...edit, ...base, shortcut: shortcut.trim() };
      case 'script': {
        const list = steps
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean)
          .map(stepOf);
        return list.length > 0 ? { ...edit, ...base, steps: list } : null;
      }
      case 'article': {
        const tagList = tags
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean);
        if (!base.body || (link.trim() && !/^https?:\/\/\S+$/.test(link.trim()))) return null;
        return {
          ...edit,
          ...base,
          ...(tagList.length ? { tags: tagList } : {}),
          ...(link.trim() ? { link: link.trim() } : {}),
        };
      }
      case 'macro': {
        const actions: MacroAction[] = [];
        if (macroText.trim()) actions.push({ kind: 'message', text: macroText.trim() });
        if (macroSurvey) actions.push({ kind: 'survey' });
        if (macroEnd) actions.push({ kind: 'end', reason: 'resolved' });
        return actions.length > 0 ? { ...edit, ...base, actions } : null;
      }
      default: {
        const never: never = kind;
        return never;
      }
    }
  };

  const field = (name: string) => `${prefix}-${name}`;
  return (
    <form
      class="content-form"
      aria-labelledby={field('heading')}
      onSubmit={(event) => {
        event.preventDefault();
        const next = draft();
        setInvalid(next === null);
        if (next) onSave(next);
      }}
    >
      <h3 id={field('heading')}>
        {item ? t('contentEditing', { title: item.title }) : t('contentNew')}
      </h3>
      <div class="grid">
        <label for={field('kind')}>{t('contentKind')}</label>
        <select
          id={field('kind')}
          value={kind}
          disabled={item !== null}
          onChange={(e) => setKind(e.currentTarget.value as ContentKind)}
        >
          {(['canned', 'script', 'article', 'macro'] as const).map((k) => (
            <option key={k} value={k}>
              {kindLabel(t, k)}
            </option>
          ))}
        </select>
        <label for={field('queue')}>{t('contentQueue')}</label>
        <input id={field('queue')} value={queue} onInput={(e) => setQueue(e.currentTarget.value)} />
        <label for={field('title')}>{t('contentTitle')}</label>
        <input
          ref={titleInput}
          id={field('title')}
          required
          maxLength={120}
          value={title}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
        {kind === 'canned' ? (
          <>
            <label for={field('shortcut')}>{t('contentShortcut')}</label>
            <input
              id={field('shortcut')}
              required
              pattern="[a-z0-9][a-z0-9_\-]{0,31}"
              value={shortcut}
              onInput={(e) => setShortcut(e.currentTarget.value.replace(/^\//, ''))}
            />
          </>
        ) : null}
        {kind === 'script' ? (
          <>
            <label for={field('steps')}>{t('contentSteps')}</label>
            <textarea
              id={field('steps')}
              rows={5}
              value={steps}
              onInput={(e) => setSteps(e.currentTarget.value)}
            />
          </>
        ) : null}
        {kind === 'macro' ? (
          <>
            <label for={field('macro-text')}>{t('contentMacroMessage')}</label>
            <textarea
              id={field('macro-text')}
              rows={3}
              maxLength={4000}
              value={macroText}
              onInput={(e) => setMacroText(e.currentTarget.value)}
            />
            <span />
            <label class="check">
              <input
                type="checkbox"
                checked={macroSurvey}
                onChange={(e) => setMacroSurvey(e.currentTarget.checked)}
              />{' '}
              {t('contentMacroSurvey')}
            </label>
            <span />
            <label class="check">
              <input
                type="checkbox"
                checked={macroEnd}
                onChange={(e) => setMacroEnd(e.currentTarget.checked)}
              />{' '}
              {t('contentMacroEnd')}
            </label>
          </>
        ) : (
          <>
            <label for={field('body')}>{t('contentBody')}</label>
            <textarea
              id={field('body')}
              rows={5}
              maxLength={4000}
              value={body}
              aria-describedby={field('variables')}
              onInput={(e) => setBody(e.currentTarget.value)}
            />
          </>
        )}
        {kind === 'article' ? (
          <>
            <label for={field('tags')}>{t('contentTags')}</label>
            <input
              id={field('tags')}
              value={tags}
              onInput={(e) => setTags(e.currentTarget.value)}
            />
            <label for={field('link')}>{t('contentLink')}</label>
            <input
              id={field('link')}
              type="url"
              value={link}
              onInput={(e) => setLink(e.currentTarget.value)}
            />
          </>
        ) : null}
      </div>
      <p id={field('variables')} class="muted">
        {t('contentVariablesHint')}
      </p>
      {invalid ? (
        <p role="alert" class="error">
          {t('contentInvalid')}
        </p>
      ) : null}
      <div class="row">
        <button type="submit" class="primary">
          {t('contentSave')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('contentCancel')}
        </button>
      </div>
    </form>
  );
}
