/**
 * The widget's stylesheet, scoped by its shadow root. Theme through the custom properties
 * on the host element (`--baton-*`); logical properties keep right-to-left layouts right.
 * One rule a line; each line ends in `\` so the newlines stay out of the string (24 B gzip
 * of the chat budget).
 */
export const WIDGET_CSS = `\
:host{all:initial;--baton-primary:#0b5cad;--baton-on-primary:#fff;--baton-bg:#fff;--baton-surface:#eef1f4;--baton-text:#1b1f24;--baton-muted:#55606b;--baton-border:#767f88;--baton-link:#0b5cad;--baton-focus:#0b5cad;--baton-danger-bg:#fff0f0;--baton-danger:#7a0b0e;--baton-font:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;--baton-radius:12px;--baton-z:2147483000;--baton-width:380px;--baton-height:600px;font-family:var(--baton-font);color:var(--baton-text);font-size:16px;line-height:1.4}\
:host([data-scheme=dark]){--baton-primary:#9cc3ff;--baton-on-primary:#0b1a2b;--baton-bg:#15191e;--baton-surface:#242a31;--baton-text:#eef1f4;--baton-muted:#b0b8c1;--baton-border:#8d97a2;--baton-link:#9cc3ff;--baton-focus:#ffd166;--baton-danger-bg:#3a1416;--baton-danger:#ffd7d7}\
@media (prefers-color-scheme:dark){:host(:not([data-scheme=light])){--baton-primary:#9cc3ff;--baton-on-primary:#0b1a2b;--baton-bg:#15191e;--baton-surface:#242a31;--baton-text:#eef1f4;--baton-muted:#b0b8c1;--baton-border:#8d97a2;--baton-link:#9cc3ff;--baton-focus:#ffd166;--baton-danger-bg:#3a1416;--baton-danger:#ffd7d7}}\
*,*::before,*::after{box-sizing:border-box}\
.launcher,.panel{font-family:var(--baton-font);font-size:16px;line-height:1.4;letter-spacing:normal;text-transform:none}\
button,input,textarea,select{font:inherit;color:inherit}\
:focus-visible{outline:3px solid var(--baton-focus);outline-offset:2px}\
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}\
.launcher{position:fixed;inset-block-end:20px;inset-inline-end:20px;z-index:var(--baton-z);display:flex;align-items:center;gap:8px;min-height:48px;padding:12px 20px;border:0;border-radius:999px;background:var(--baton-primary);color:var(--baton-on-primary);font-weight:600;cursor:pointer;box-shadow:0 4px 14px rgb(0 0 0/.25)}\
:host([data-position=start]) .launcher,:host([data-position=start]) .panel{inset-inline-end:auto;inset-inline-start:20px}\
.panel{position:fixed;inset-block-end:88px;inset-inline-end:20px;z-index:var(--baton-z);display:flex;flex-direction:column;width:min(var(--baton-width),calc(100vw - 32px));height:min(var(--baton-height),calc(100vh - 120px));background:var(--baton-bg);color:var(--baton-text);border:1px solid var(--baton-border);border-radius:var(--baton-radius);box-shadow:0 8px 30px rgb(0 0 0/.3);overflow:hidden;animation:baton-in .18s ease-out}\
.panel[hidden]{display:none}\
:host([data-mode=inline]) .panel{position:static;width:100%;height:100%;min-height:400px;box-shadow:none;animation:none}\
@keyframes baton-in{from{opacity:0;transform:translateY(12px)}}\
@media (max-width:480px){:host(:not([data-mode=inline])) .panel{inset:0;width:100%;height:100%;border-radius:0;border:0}}\
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}\
header{display:flex;align-items:center;gap:8px;padding:10px 12px;background:var(--baton-primary);color:var(--baton-on-primary)}\
header h2{flex:1;margin:0;font-size:1.05rem}\
header select{min-height:36px;padding:0 4px;border:1px solid currentColor;border-radius:6px;background:var(--baton-primary);font-size:.875rem}\
header img{width:28px;height:28px;border-radius:6px;object-fit:contain}\
.icon{display:inline-grid;place-items:center;min-width:44px;min-height:44px;border:0;border-radius:8px;background:transparent;color:inherit;font-size:1.4rem;cursor:pointer}\
.status{margin:0;padding:6px 12px;font-size:.875rem;background:var(--baton-surface);color:var(--baton-text);border-block-end:1px solid var(--baton-border)}\
.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:10px;overscroll-behavior:contain}\
.msg{max-width:85%;display:flex;flex-direction:column;gap:2px}\
.msg.bot{align-self:flex-start}\
.msg.patient{align-self:flex-end;align-items:flex-end}\
.msg.wide{align-self:stretch;max-width:100%}\
.bubble{padding:8px 12px;border-radius:14px;background:var(--baton-surface);overflow-wrap:anywhere}\
.patient .bubble{background:var(--baton-primary);color:var(--baton-on-primary)}\
.bubble p,.bubble ul,.bubble ol,.bubble pre,.bubble blockquote{margin:0 0 .4em}\
.bubble>:last-child{margin-block-end:0}\
.bubble ul,.bubble ol{padding-inline-start:1.3em}\
.bubble pre{overflow-x:auto;white-space:pre-wrap}\
.bubble blockquote{padding-inline-start:8px;border-inline-start:3px solid var(--baton-border)}\
.bubble img{max-width:100%;height:auto;border-radius:8px}\
.bot a{color:var(--baton-link)}\
.patient a{color:inherit}\
.meta{font-size:.75rem;color:var(--baton-muted)}\
.failed{color:var(--baton-danger)}\
.link-button{border:0;padding:0 4px;background:none;color:var(--baton-link);text-decoration:underline;cursor:pointer;min-height:24px}\
.card{border:1px solid var(--baton-border);border-radius:10px;padding:10px;background:var(--baton-bg);display:flex;flex-direction:column;gap:6px}\
.card.thumbnail{flex-direction:row;flex-wrap:wrap}\
.card.thumbnail img{width:72px;height:72px;object-fit:cover}\
.card h3{margin:0;font-size:1rem}\
.card .sub{margin:0;color:var(--baton-muted);font-size:.875rem}\
.actions{display:flex;flex-wrap:wrap;gap:6px}\
.action{min-height:44px;padding:8px 14px;border:1px solid var(--baton-primary);border-radius:999px;background:var(--baton-bg);color:var(--baton-link);cursor:pointer;text-decoration:none;display:inline-flex;align-items:center}\
.action.primary{background:var(--baton-primary);color:var(--baton-on-primary)}\
.suggested{padding:0 12px 8px}\
.typing{padding:0 12px 6px;font-size:.875rem;color:var(--baton-muted)}\
.ac{display:flex;flex-direction:column;align-items:stretch;gap:8px}\
.ac label{display:flex;flex-direction:column;gap:4px;font-size:.9rem}\
.ac .choice{flex-direction:row;align-items:center;gap:8px;min-height:32px}\
.ac input[type=checkbox],.ac input[type=radio]{width:24px;height:24px;margin:0}\
.ac fieldset{border:0;margin:0;padding:0}\
.ac legend{padding:0;margin-block-end:4px;font-size:.9rem}\
.ac input:not([type=checkbox]):not([type=radio]),.ac select,.ac textarea{min-height:40px;padding:6px 8px;border:1px solid var(--baton-border);border-radius:6px;background:var(--baton-bg)}\
.ac .cols{display:flex;gap:8px}\
.ac .cols>*{flex:1;min-width:0}\
.ac dl{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;margin:0}\
.ac dt{font-weight:600}\
.ac dd{margin:0}\
.ac [aria-invalid=true]{border:2px solid var(--baton-danger)}\
.emergency,.confirm{margin:8px 12px 0;padding:10px 12px;border-radius:8px}\
.emergency{flex:none;margin-block-end:8px}\
.emergency{background:var(--baton-danger-bg);color:var(--baton-danger);border:2px solid currentColor}\
.emergency strong{display:block}\
.confirm{border:0;background:var(--baton-surface);display:flex;flex-direction:column;gap:8px}\
.confirm legend{float:left;padding:0}\
.notice{margin:0 12px;font-size:.875rem;color:var(--baton-muted)}\
form{display:flex;gap:8px;align-items:flex-end;padding:10px 12px;border-block-start:1px solid var(--baton-border)}\
textarea{flex:1;min-height:44px;max-height:120px;resize:none;padding:10px;border:1px solid var(--baton-border);border-radius:10px;background:var(--baton-bg)}\
.send{min-height:44px;min-width:64px;padding:0 14px;border:0;border-radius:10px;background:var(--baton-primary);color:var(--baton-on-primary);font-weight:600;cursor:pointer}\
.send:disabled{opacity:.6;cursor:not-allowed}\
.count{margin:-6px 12px 8px}\
`;
