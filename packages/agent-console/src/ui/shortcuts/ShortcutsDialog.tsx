import type { MessageKey } from '../../i18n';
import { useConsole } from '../context';
import { Dialog } from '../Dialog';
import { SHORTCUTS } from './keyboard';

const LABELS: Record<(typeof SHORTCUTS)[number]['id'], MessageKey> = {
  acceptNext: 'shortcutAcceptNext',
  nextConversation: 'shortcutNextConversation',
  previousConversation: 'shortcutPreviousConversation',
  focusReply: 'shortcutFocusReply',
  showShortcuts: 'shortcutShowList',
  send: 'shortcutSend',
  newLine: 'shortcutNewLine',
  canned: 'shortcutCanned',
  closeDialog: 'shortcutCloseDialog',
};

/** Every keyboard shortcut of the agent view, with what it does. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useConsole();
  return (
    <Dialog title={t('shortcutsTitle')} onClose={onClose}>
      <dl class="shortcuts">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.id}>
            <dt>
              {shortcut.keys.map((key, i) => (
                <span key={key}>
                  {i > 0 ? ' + ' : ''}
                  <kbd>{key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{t(LABELS[shortcut.id])}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose}>
        {t('shortcutsClose')}
      </button>
    </Dialog>
  );
}
