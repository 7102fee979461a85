/**
 * The console's design tokens and its dark theme. Colours, spacing, type and radii are CSS
 * custom properties on `.baton-console` (a hospital brands the console by overriding them,
 * e.g. `--bc-primary`). Dark mode follows `prefers-color-scheme` unless the staff member chose
 * a theme (`data-theme="light"|"dark"` on the root, from her preferences). Every pair meets
 * WCAG 2.2 AA contrast (checked by axe in both themes).
 */

const TOKENS = `
.baton-console{--bc-font:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;--bc-text-sm:.85rem;--bc-text-md:1rem;--bc-text-lg:1.25rem;--bc-space-1:4px;--bc-space-2:8px;--bc-space-3:12px;--bc-space-4:16px;--bc-radius:8px;--bc-link:#0b5cad;--bc-agent-bg:#e6f0fb;--bc-on-danger:#fff;color-scheme:light}
.baton-console a{color:var(--bc-link)}`;

/** Dark palette: surfaces dark, text light; filled buttons keep dark text on light fills. */
const DARK_TOKENS =
  '--bc-primary:#8cc4ff;--bc-on-primary:#0b1a2a;--bc-bg:#15191e;--bc-surface:#232a32;--bc-text:#e8ecf0;--bc-muted:#b4bec8;--bc-border:#8a949e;--bc-focus:#8cc4ff;--bc-danger:#b3261e;--bc-danger-bg:#ffe3e3;--bc-note-bg:#3a3000;--bc-note:#ffe08a;--bc-urgent:#ffc27a;--bc-link:#9ecfff;--bc-agent-bg:#1d3550;color-scheme:dark';

/** Rules whose colours were written literally in the light stylesheets, made dark. */
function darkRules(root: string): string {
  return [
    `${root}{${DARK_TOKENS}}`,
    `${root} .badge.urgent{background:#3a2500}`,
    `${root} .badge.clinical{background:#1d3550;color:#cfe6ff;border-color:#cfe6ff}`,
    `${root} .badge.stated{background:#3a2d00;color:#ffe08a;border-color:#ffe08a}`,
    `${root} .stated-context{border-color:#ffe08a}`,
    `${root} .stated-context h4{color:#ffe08a}`,
    `${root} .chat-item.from-agent{background:var(--bc-agent-bg)}`,
    `${root} .badge.whisper{background:#33204d;color:#e3ccff;border-color:#e3ccff}`,
    `${root} .followup.selected{background:#1d3550}`,
    `${root} .chart .bar{fill:#4f86bf}`,
    `${root} button.danger,${root} .badge.emergency{color:#fff}`,
    `${root} .error{color:#8a0b10}`,
  ].join('\n');
}

export const THEME_CSS = `${TOKENS}
.baton-console .theme-choice{display:inline-flex;align-items:center;gap:var(--bc-space-2);margin:0;font-weight:400}
.baton-console .theme-choice select{width:auto}
${darkRules('.baton-console[data-theme=dark]')}
@media (prefers-color-scheme:dark){
${darkRules('.baton-console:not([data-theme=light])')}
}`;
