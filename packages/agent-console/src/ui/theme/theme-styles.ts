/**
 * The console's design tokens and its dark theme. Colours, spacing, type and radii are CSS
 * custom properties on `.baton-console` (a hospital brands the console by overriding them,
 * e.g. `--bc-primary`). Dark mode follows `prefers-color-scheme` unless the staff member chose
 * a theme (`data-theme="light"|"dark"` on the root, from her preferences). Every pair meets
 * WCAG 2.2 AA contrast (checked by axe in both themes).
 */

const TOKENS = `
.baton-console{--bc-font:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;--bc-text-xs:.8rem;--bc-text-sm:.85rem;--bc-text-sm2:.9rem;--bc-text-md:1rem;--bc-text-h2:1.1rem;--bc-text-lg:1.25rem;--bc-text-xl:1.4rem;--bc-space-0-5:2px;--bc-space-1:4px;--bc-space-1-5:6px;--bc-space-2:8px;--bc-space-2-5:10px;--bc-space-3:12px;--bc-space-3-5:14px;--bc-space-4:16px;--bc-space-4-5:18px;--bc-space-5:20px;--bc-space-6:24px;--bc-radius-sm:6px;--bc-radius:8px;--bc-radius-lg:12px;--bc-radius-pill:999px;--bc-link:#0b5cad;--bc-agent-bg:#e6f0fb;--bc-on-danger:#fff;--bc-urgent-bg:#fff1dc;--bc-clinical-bg:#e6f0fb;--bc-clinical:#073b70;--bc-stated-bg:#fff7e0;--bc-stated:#5c3d00;--bc-selected-bg:#f3f8fd;--bc-whisper-bg:#efe6fb;--bc-whisper:#4a1d7a;--bc-ok:#1a7f37;--bc-chart:#9cc3ea;color-scheme:light}
.baton-console a{color:var(--bc-link)}`;

/** Dark palette: surfaces dark, text light; filled buttons keep dark text on light fills. */
const DARK_TOKENS =
  '--bc-primary:#8cc4ff;--bc-on-primary:#0b1a2a;--bc-bg:#15191e;--bc-surface:#232a32;--bc-text:#e8ecf0;--bc-muted:#b4bec8;--bc-border:#8a949e;--bc-focus:#8cc4ff;--bc-danger:#b3261e;--bc-danger-bg:#ffe3e3;--bc-note-bg:#3a3000;--bc-note:#ffe08a;--bc-urgent:#ffc27a;--bc-link:#9ecfff;--bc-agent-bg:#1d3550;--bc-urgent-bg:#3a2500;--bc-clinical-bg:#1d3550;--bc-clinical:#cfe6ff;--bc-stated-bg:#3a2d00;--bc-stated:#ffe08a;--bc-selected-bg:#1d3550;--bc-whisper-bg:#33204d;--bc-whisper:#e3ccff;--bc-ok:#5fd27f;--bc-chart:#4f86bf;color-scheme:dark';

/**
 * Dark mode is the dark token set: every stylesheet uses the tokens, so nothing else needs a
 * dark rule but the error text, dark on its light pink background in both themes.
 */
function darkRules(root: string): string {
  return [
    `${root}{${DARK_TOKENS}}`,
    `${root} .error{color:#8a0b10}`,
    // Charts' captions say "dark: …" of the inner series: it stays the darker one here too.
    `${root} .chart .bar{fill:var(--bc-primary)}${root} .chart .bar.part{fill:var(--bc-chart)}`,
  ].join('\n');
}

/**
 * The top bar with the theme picker: one line from 1200 px (the name of who is signed in
 * gives way first, with an ellipsis; an emergency banner may still wrap it); below, the
 * title on its own line and the controls on the next (one line at 1024 px). The presence
 * select keeps its label for assistive technology; on screen its value says it.
 */
const TOPBAR = `
.baton-console .topbar .presence,.baton-console .theme-choice,.baton-console .topbar .desk-alerts{flex:none;white-space:nowrap}
.baton-console .topbar .desk-alerts{flex-wrap:nowrap}
.baton-console .topbar:has(.emergency-banner),.baton-console .topbar:has(.emergency-banner) .desk-alerts{flex-wrap:wrap}

.baton-console .topbar button{flex:none;white-space:nowrap}
.baton-console .topbar .who{font-size:var(--bc-text-sm);font-weight:400;white-space:nowrap}
.baton-console .topbar .who{display:flex;flex-direction:column;line-height:1.25}
.baton-console .topbar .who-words{min-width:0;overflow:hidden;text-overflow:ellipsis}
.baton-console .topbar .who-name{font-weight:600}
@media (min-width:1024px){
.baton-console .topbar{gap:var(--bc-space-2)}
.baton-console .topbar button{padding-inline:var(--bc-space-2-5)}
.baton-console .topbar select{padding-inline:var(--bc-space-1-5)}
.baton-console .topbar .presence>span{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
}
@media (min-width:1200px){
.baton-console .topbar{flex-wrap:nowrap}
.baton-console .topbar h1{flex:1 1 auto;min-width:6em;font-size:var(--bc-text-md);line-height:1.25}
.baton-console .topbar .who{flex:none}
}
@media (max-width:1199px){.baton-console .topbar h1{flex:1 0 100%}}`;

/** The built console fills the page: in dark mode the page around it is dark too. */
const PAGE = (root: string) => `:root:has(#baton-console${root}){background:#15191e}`;

export const THEME_CSS = `${TOKENS}
.baton-console .theme-choice{display:inline-flex;align-items:center;gap:var(--bc-space-2);margin:0;font-weight:400}
.baton-console .theme-choice select{width:auto}${TOPBAR}
${darkRules('.baton-console[data-theme=dark]')}
${PAGE('.baton-console[data-theme=dark]')}
@media (prefers-color-scheme:dark){
${darkRules('.baton-console:not([data-theme=light])')}
${PAGE('.baton-console:not([data-theme=light])')}
}`;
