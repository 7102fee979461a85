import { mountAgentConsole } from './mount';

/**
 * Entry of the built app (dist/app/app.js, loaded by index.html). Settings come from data
 * attributes on the mount element, never from inline script:
 * `<div id="baton-console" data-server-url="https://chat.example.org" data-locale="fr">`.
 * Without `data-server-url` the page's own origin is the handoff server.
 */
const element = document.getElementById('baton-console');
if (element) {
  const { serverUrl, locale } = element.dataset;
  mountAgentConsole(element, {
    styles: 'none',
    ...(serverUrl ? { serverUrl } : {}),
    ...(locale ? { locale } : {}),
  });
}
