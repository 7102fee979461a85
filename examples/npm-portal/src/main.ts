import {
  type ChatSession,
  type ChatWidgetHandle,
  createChatWidget,
  defineBatonChatElement,
} from '@baton/chat-widget';

/**
 * The portal's own code. It already has a signed-in patient and a backend; it adds the chat
 * with a few lines: a session callback to its backend, its colours, its own "Contact us"
 * button, and the events it wants for its analytics (metadata only, never message text).
 */
async function getSession(request: unknown): Promise<ChatSession> {
  const response = await fetch('/api/chat-session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  if (!response.ok) throw new Error(`chat session: ${response.status}`);
  return (await response.json()) as ChatSession;
}

export function startChat(): ChatWidgetHandle {
  const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
  // The handoff server's URL, from the portal's own configuration (empty: no human handoff).
  const handoffServer = document.querySelector<HTMLMetaElement>(
    'meta[name="baton-handoff-server"]',
  )?.content;
  const chat = createChatWidget({
    session: getSession,
    title: 'Riverside Clinic',
    theme: { primary: '#1d5c3a', font: 'Georgia, serif' },
    ...(nonce ? { nonce } : {}),
    ...(handoffServer ? { handoff: { serverUrl: handoffServer } } : {}),
    triggeredScenario: { trigger: 'welcome' },
    escalation: { redFlags: { emergencyNumbers: { default: '911' } } },
    onEscalate: (reason, priority, transcript) => {
      // With `handoff`, the widget hands over to a person itself; the portal records the fact.
      document.body.dataset.escalated = `${reason.kind}:${priority}:${transcript.entries.length}`;
    },
  });
  const log = (name: string) => () => document.body.setAttribute(`data-chat-${name}`, 'yes');
  chat.on('ready', log('ready'));
  chat.on('opened', log('opened'));
  chat.on('message', (message) => {
    const count = Number(document.body.dataset.chatMessages ?? '0') + 1;
    document.body.dataset.chatMessages = String(count);
    void message.id; // metadata only: id, from, type, at, hasText, attachments
  });
  document.querySelector('#contact-us')?.addEventListener('click', () => void chat.open());
  return chat;
}

/** The markup way: `<baton-chat session="/api/chat-session">` on the help page. */
export function registerElement(): void {
  defineBatonChatElement();
}

startChat();
registerElement();
