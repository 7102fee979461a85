import type { DemoPatient } from './patients';
import { PORTAL_TEXT, type PortalLocale, type PortalText, type SectionKey } from './portal-text';

/**
 * The demo portal's pages: a clinic's header and navigation, a home page, a page about
 * appointments and placeholders for the other sections, in English and French. The chat is
 * loaded by the snippet documented in packages/chat-widget/README.md ("Script tag").
 */
export interface PageRoute {
  locale: PortalLocale;
  section: SectionKey;
}

/** `/`, `/appointments`, `/fr/`, `/fr/rendez-vous`…: the page a path names, if any. */
export function routeFor(path: string): PageRoute | undefined {
  for (const locale of ['en', 'fr'] as const) {
    for (const [section, { path: p }] of Object.entries(PORTAL_TEXT[locale].sections)) {
      if (p === path || (p === '/fr/' && path === '/fr')) {
        return { locale, section: section as SectionKey };
      }
    }
  }
  return undefined;
}

export interface WidgetScript {
  /** `sha384-…` of baton.js. */
  integrity: string;
  /** The handoff server's origin, or '' for the bot only. */
  handoffServer: string;
}

const html = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The chat's title in each language of its menu: it follows the language the patient picks. */
const CHAT_TITLES = JSON.stringify({
  en: PORTAL_TEXT.en.chatTitle,
  fr: PORTAL_TEXT.fr.chatTitle,
  es: 'Asistente Riverside',
});

const LOGO = `<svg class="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false"><circle cx="16" cy="16" r="15" fill="#0d5c63"/><path d="M7 19c4-6 8-6 9-1s5 5 9-1" stroke="#fff" stroke-width="2.5" fill="none" stroke-linecap="round"/><path d="M16 7v7M12.5 10.5h7" stroke="#fff" stroke-width="2.5" stroke-linecap="round"/></svg>`;

function nextVisit(locale: PortalLocale, now: Date): string {
  const at = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 5, 10, 30);
  if (at.getDay() === 0) at.setDate(at.getDate() + 1);
  if (at.getDay() === 6) at.setDate(at.getDate() + 2);
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: 'numeric',
    minute: '2-digit',
  }).format(at);
}

function mainContent(t: PortalText, section: SectionKey, patient: DemoPatient, now: Date): string {
  const firstName = html(patient.displayName.split(' ')[0] ?? patient.displayName);
  const visit = `<p class="when">${html(nextVisit(t.lang, now))}</p><p>${html(t.nextAppointmentWith)}</p>`;
  const chatButton = (label: string) =>
    `<button type="button" class="primary" data-open-chat>${html(label)}</button>`;
  switch (section) {
    case 'home':
      return `<h1>${html(t.welcome(firstName))}</h1>
<p class="lead">${html(t.homeIntro)}</p>
<div class="cards">
  <section class="card" aria-labelledby="next-h"><h2 id="next-h">${html(t.nextAppointment)}</h2>${visit}
    <p><a href="${t.sections.appointments.path}">${html(t.manageAppointments)}</a></p></section>
  <section class="card" aria-labelledby="msg-h"><h2 id="msg-h">${html(t.messagesCard)}</h2><p>${html(t.messagesNone)}</p></section>
  <section class="card help" aria-labelledby="help-h"><h2 id="help-h">${html(t.helpCard)}</h2><p>${html(t.helpText)}</p>${chatButton(t.chatButton)}</section>
  <section class="card" aria-labelledby="hours-h"><h2 id="hours-h">${html(t.hoursTitle)}</h2>
    <dl class="hours">${t.hours.map(([d, h]) => `<dt>${html(d)}</dt><dd>${html(h)}</dd>`).join('')}</dl></section>
</div>`;
    case 'appointments':
      return `<h1>${html(t.sections.appointments.label)}</h1>
<p class="lead">${html(t.appointmentsIntro)}</p>
<div class="cards">
  <section class="card" aria-labelledby="up-h"><h2 id="up-h">${html(t.upcoming)}</h2>${visit}</section>
  <section class="card help" aria-labelledby="book-h"><h2 id="book-h">${html(t.bookTitle)}</h2><p>${html(t.bookText)}</p>${chatButton(t.bookButton)}</section>
  <section class="card" aria-labelledby="before-h"><h2 id="before-h">${html(t.beforeTitle)}</h2>
    <ul>${t.beforeItems.map((i) => `<li>${html(i)}</li>`).join('')}</ul><p>${html(t.cancelPolicy)}</p></section>
</div>`;
    default:
      return `<h1>${html(t.sections[section].label)}</h1>
<p class="lead">${html(t.notInDemo)}</p>
<p>${chatButton(t.chatButton)}</p>`;
  }
}

export function renderPage(
  route: PageRoute,
  patient: DemoPatient,
  nonce: string,
  widget: WidgetScript,
  now = new Date(),
): string {
  const t = PORTAL_TEXT[route.locale];
  const other = t.otherLanguage;
  const nav = Object.entries(t.sections)
    .map(([key, { label, path }]) => {
      const current = key === route.section ? ' aria-current="page"' : '';
      return `<li><a href="${path}"${current}>${html(label)}</a></li>`;
    })
    .join('');
  const title = route.section === 'home' ? t.portal : t.sections[route.section].label;
  return `<!doctype html>
<html lang="${t.lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${html(title)} · ${html(t.clinic)}</title>
    <link rel="stylesheet" href="/portal.css" nonce="${nonce}" />
    <!-- Baton: the snippet from packages/chat-widget/README.md ("Script tag"). -->
    <script nonce="${nonce}">
      ((w) => {
        if (w.Baton) return;
        const queue = [];
        const Baton = (...args) => {
          queue.push(args);
        };
        Baton.q = queue;
        w.Baton = Baton;
      })(window);
      Baton('init', { triggeredScenario: { trigger: 'welcome' }, title: ${CHAT_TITLES} });
      Baton('on', 'escalated', (e) => { document.body.dataset.escalated = e.priority; });
    </script>
    <script
      async
      src="/baton/baton.js"
      integrity="${widget.integrity}"
      crossorigin="anonymous"
      nonce="${nonce}"
      data-session="/baton/session"
      data-handoff-server="${html(widget.handoffServer)}"
      data-title="${html(t.chatTitle)}"
      data-primary="#0d5c63"
      data-share-location="true"
    ></script>
  </head>
  <body>
    <a class="skip" href="#main">${html(t.skip)}</a>
    <header class="top">
      <div class="bar">
        <a class="brand" href="${t.sections.home.path}">${LOGO}<span class="name">${html(t.clinic)}</span><span class="sub">${html(t.portal)}</span></a>
        <p class="who">${html(t.signedInAs)} <strong data-patient-name>${html(patient.displayName)}</strong>
          <span aria-hidden="true">·</span> <a href="${other.href}" hreflang="${other.lang}" lang="${other.lang}">${html(other.label)}</a></p>
      </div>
      <nav aria-label="${html(t.navLabel)}"><ul>${nav}</ul></nav>
    </header>
    <main id="main">
${mainContent(t, route.section, patient, now)}
      <p class="emergency" role="note">${html(t.emergency)}</p>
    </main>
    <footer><p class="footer-note">${html(t.footer)}</p></footer>
    <script nonce="${nonce}">
      for (const button of document.querySelectorAll('[data-open-chat]')) {
        button.addEventListener('click', () => Baton('open'));
      }
    </script>
  </body>
</html>
`;
}
