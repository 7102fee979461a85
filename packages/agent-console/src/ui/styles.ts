/**
 * The console's stylesheet. `mountAgentConsole` adopts it as a constructable stylesheet
 * (no inline <style>, so a strict CSP needs no nonce); the built app links it as app.css.
 * Colours meet WCAG 2.2 AA contrast on their backgrounds; focus is always visible.
 */

import { ATTACHMENT_CSS } from './attachments/attachment-styles';
import { CARD_CSS } from './cards/card-styles';
import { CONTENT_CSS } from './content/content-styles';
import { INSIGHTS_CSS } from './insights/insights-styles';
import { SHORTCUT_CSS } from './shortcuts/shortcut-styles';
import { SUPERVISOR_CSS } from './supervisor-styles';
import { THEME_CSS } from './theme/theme-styles';
import { TRANSCRIPT_CSS } from './transcript-styles';
import { WORKLIST_CSS } from './worklist-styles';

export const CONSOLE_CSS = `
.baton-console{--bc-primary:#0b5cad;--bc-on-primary:#fff;--bc-bg:#fff;--bc-surface:#eef1f4;--bc-text:#1b1f24;--bc-muted:#4f5963;--bc-border:#767f88;--bc-focus:#0b5cad;--bc-danger:#8a0b10;--bc-danger-bg:#fff0f0;--bc-note-bg:#fff6d6;--bc-note:#5c4200;--bc-urgent:#7a4100;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:16px;line-height:1.4;color:var(--bc-text);background:var(--bc-bg);min-height:100%}
.baton-console *,.baton-console *::before,.baton-console *::after{box-sizing:border-box}
.baton-console button,.baton-console input,.baton-console select,.baton-console textarea{font:inherit;color:inherit}
.baton-console :focus-visible{outline:3px solid var(--bc-focus);outline-offset:2px}
.baton-console .vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.baton-console h1{font-size:1.25rem;margin:0}
.baton-console h2{font-size:1.1rem;margin:0 0 8px}
.baton-console h3{font-size:1rem;margin:12px 0 6px}
.baton-console .muted{color:var(--bc-muted)}
.baton-console .error{color:var(--bc-danger);background:var(--bc-danger-bg);padding:6px 8px;border-radius:6px}
.baton-console button{min-height:44px;min-width:44px;padding:8px 14px;border:1px solid var(--bc-border);border-radius:8px;background:var(--bc-bg);cursor:pointer}
.baton-console button:disabled{cursor:not-allowed;opacity:.7}
.baton-console button.primary{background:var(--bc-primary);color:var(--bc-on-primary);border-color:var(--bc-primary);font-weight:600}
.baton-console button.danger{background:var(--bc-danger);border-color:var(--bc-danger)}
.baton-console input,.baton-console select,.baton-console textarea{min-height:44px;padding:8px;border:1px solid var(--bc-border);border-radius:6px;background:var(--bc-bg);width:100%}
.baton-console input[type=radio],.baton-console input[type=checkbox]{width:auto;min-height:auto;margin-inline-end:8px;vertical-align:middle}
.baton-console label{display:block;margin:8px 0 4px;font-weight:600}
.baton-console fieldset{border:1px solid var(--bc-border);border-radius:6px;margin:8px 0;padding:6px 10px}
.baton-console fieldset label{display:inline-flex;gap:4px;align-items:center;margin-inline-end:16px;font-weight:400}
.baton-console .badge{display:inline-block;margin-inline-start:6px;padding:1px 8px;border-radius:999px;font-size:.8rem;font-weight:700;background:var(--bc-surface);color:var(--bc-text);border:1px solid var(--bc-border)}
.baton-console .badge.emergency{background:var(--bc-danger);color:#fff;border-color:var(--bc-danger)}
.baton-console .badge.urgent{background:#fff1dc;color:var(--bc-urgent);border-color:var(--bc-urgent)}
.baton-console .badge.clinical{background:#e6f0fb;color:#073b70;border-color:#073b70}
.baton-console .badge.note{background:var(--bc-note-bg);color:var(--bc-note);border-color:var(--bc-note)}
.baton-console .badge.stated{background:#fff7e0;color:#5c3d00;border:1px dashed #5c3d00;margin-inline:0 6px}
.baton-console .stated-name{display:block;font-size:.85rem;color:var(--bc-text);margin:2px 0}
.baton-console .stated-context{margin-top:8px;padding:6px 8px;border:1px dashed #5c3d00;border-radius:6px}
.baton-console .stated-context h4{margin:0 0 4px;font-size:.9rem;color:#5c3d00}
.baton-console .badge.unread{background:var(--bc-primary);color:var(--bc-on-primary);border-color:var(--bc-primary)}
.baton-console .signin{display:grid;place-items:center;min-height:100vh;padding:16px}
.baton-console .signin form{width:min(360px,100%);padding:24px;border:1px solid var(--bc-border);border-radius:12px}
.baton-console .signin button{margin-top:16px;width:100%}
.baton-console .topbar{display:flex;flex-wrap:wrap;align-items:center;gap:12px;padding:8px 16px;border-bottom:1px solid var(--bc-border)}
.baton-console .topbar h1{flex:1}
.baton-console .topbar p{margin:0}
.baton-console .topbar .presence{display:flex;align-items:center;gap:6px;margin:0}
.baton-console .topbar .presence select{width:auto}
.baton-console .connection.reconnecting,.baton-console .connection.disconnected,.baton-console .connection.unauthorized{color:var(--bc-danger);font-weight:700}
.baton-console .views{display:flex;gap:8px;padding:8px 16px}
.baton-console [aria-current=page]{background:var(--bc-surface);border-color:var(--bc-primary);border-width:2px;font-weight:700}
.baton-console .logoff-warning{position:fixed;inset-inline:16px;bottom:16px;z-index:10;display:flex;flex-wrap:wrap;gap:12px;align-items:center;justify-content:space-between;padding:12px 16px;background:var(--bc-note-bg);color:var(--bc-note);border:2px solid var(--bc-note);border-radius:10px;box-shadow:0 4px 16px rgba(0,0,0,.2)}
.baton-console .logoff-warning p{margin:0;font-weight:600}
.baton-console .signin .notice{background:var(--bc-note-bg);color:var(--bc-note);padding:6px 8px;border-radius:6px}
.baton-console .closed-notice{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:center;margin-top:8px;padding:10px 12px;background:var(--bc-surface);border:1px solid var(--bc-border);border-radius:8px}
.baton-console .closed-notice p{margin:0}
.baton-console .closed-notice .badge{margin-inline-start:0}
.baton-console .notices p{display:flex;gap:8px;align-items:center;justify-content:space-between;margin:4px 16px;padding:6px 10px;background:var(--bc-danger-bg);color:var(--bc-danger);border-radius:6px}
.baton-console main{padding:8px 16px}
.baton-console .agent-view{display:grid;grid-template-columns:minmax(260px,320px) 1fr;gap:16px}
@media (max-width:800px){.baton-console .agent-view{grid-template-columns:1fr}}
.baton-console .queue-list,.baton-console .tabs,.baton-console .entries,.baton-console .chat-items{list-style:none;margin:0;padding:0}
.baton-console .queue-item{padding:10px;margin-bottom:8px;border:1px solid var(--bc-border);border-radius:8px}
.baton-console .queue-item.priority-emergency{border:2px solid var(--bc-danger)}
.baton-console .patient-name{font-weight:700}
.baton-console .queue-meta{display:flex;flex-wrap:wrap;gap:4px 12px;margin:6px 0;font-size:.9rem}
.baton-console .queue-meta div{display:flex;gap:4px}
.baton-console .queue-meta dt{color:var(--bc-muted)}
.baton-console .queue-meta dd{margin:0}
.baton-console .tabs{display:flex;flex-wrap:wrap;gap:6px;margin-bottom:8px}
.baton-console .tab.closed{color:var(--bc-muted);font-style:italic}
.baton-console .conversation-header{display:flex;gap:12px;align-items:baseline}
.baton-console .conversation-body{display:grid;grid-template-columns:minmax(220px,300px) 1fr;gap:16px}
@media (max-width:1000px){.baton-console .conversation-body{grid-template-columns:1fr}}
.baton-console .patient-context dl{margin:0}
.baton-console .patient-context dl div{padding:4px 0;border-bottom:1px solid var(--bc-surface)}
.baton-console .patient-context dt{font-weight:600;font-size:.9rem}
.baton-console .patient-context dd{margin:0;overflow-wrap:anywhere}
.baton-console .bot-transcript{margin-top:12px}
.baton-console .bot-transcript summary{cursor:pointer;font-weight:700;min-height:44px;display:flex;align-items:center}
.baton-console .entry,.baton-console .chat-item{padding:6px 8px;margin:4px 0;border-radius:8px;background:var(--bc-surface)}
.baton-console .entry p,.baton-console .chat-item p{margin:0}
.baton-console .text{white-space:pre-wrap;overflow-wrap:anywhere}
.baton-console .meta{font-size:.85rem;color:var(--bc-muted)}
.baton-console .who{font-weight:700;color:var(--bc-text)}
.baton-console .card-summary{margin-top:4px;padding:4px 8px;border-inline-start:3px solid var(--bc-border)}
.baton-console .chat-log{max-height:50vh;min-height:200px;overflow-y:auto;padding:4px;border:1px solid var(--bc-border);border-radius:8px}
.baton-console .chat-item.from-agent{margin-inline-start:15%;background:#e6f0fb}
.baton-console .chat-item.from-patient{margin-inline-end:15%}
.baton-console .chat-item.note{margin-inline-start:15%;background:var(--bc-note-bg);border:2px dashed var(--bc-note)}
.baton-console .chat-event{text-align:center;font-size:.85rem;color:var(--bc-muted);padding:2px}
.baton-console .delivery{display:block;font-size:.8rem;color:var(--bc-muted);text-align:end}
.baton-console .delivery.failed{color:var(--bc-danger);font-weight:700}
.baton-console .typing{min-height:1.4em;margin:4px 0;font-size:.9rem;color:var(--bc-muted)}
.baton-console .composer{margin-top:8px}
.baton-console .composer.mode-note textarea{background:var(--bc-note-bg);border:2px dashed var(--bc-note)}
.baton-console .note-hint{margin:4px 0;color:var(--bc-note);font-weight:700}
.baton-console .composer-actions{display:flex;gap:8px;align-items:end;justify-content:flex-end;margin-top:6px}
.baton-console .actions{display:flex;flex-wrap:wrap;gap:8px;margin-top:12px}
.baton-console .closed{display:flex;gap:12px;align-items:center;margin-top:8px}
.baton-console .transfer-note{padding:6px 8px;background:var(--bc-note-bg);border-radius:8px;margin:6px 0}
.baton-console .backdrop{position:fixed;inset:0;background:rgb(0 0 0/.45);display:grid;place-items:center;z-index:10}
.baton-console .dialog{width:min(480px,calc(100vw - 32px));max-height:calc(100vh - 32px);overflow:auto;padding:20px;border-radius:12px;background:var(--bc-bg);box-shadow:0 8px 30px rgb(0 0 0/.3)}
.baton-console fieldset.slots{max-height:50vh;overflow:auto}
.baton-console .dialog-buttons{display:flex;justify-content:flex-end;gap:8px;margin-top:16px}
.baton-console .kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:8px;margin:0}
.baton-console .kpi{padding:10px;border:1px solid var(--bc-border);border-radius:8px}
.baton-console .kpi dt{font-size:.85rem;color:var(--bc-muted)}
.baton-console .kpi dd{margin:0;font-size:1.4rem;font-weight:700}
.baton-console table{border-collapse:collapse;width:100%;margin-bottom:8px}
.baton-console th,.baton-console td{text-align:start;padding:6px 8px;border-bottom:1px solid var(--bc-border)}
@media (prefers-reduced-motion:reduce){.baton-console *{animation:none!important;transition:none!important}}
${WORKLIST_CSS}${CONTENT_CSS}${TRANSCRIPT_CSS}${SUPERVISOR_CSS}${INSIGHTS_CSS}${ATTACHMENT_CSS}${CARD_CSS}${SHORTCUT_CSS}${THEME_CSS}
.baton-console .agent-view>.workspace{grid-column:2;grid-row:1/span 2}
@media (max-width:800px){.baton-console .agent-view>.workspace,.baton-console .consult-inbox{grid-column:auto;grid-row:auto}}
.baton-console .consult-inbox{grid-column:1;padding:10px;border:1px solid var(--bc-border);border-radius:8px}
.baton-console .consult-card{padding:8px 0;border-top:1px solid var(--bc-border)}
.baton-console .consult-thread{margin-top:12px;padding:10px;border:1px dashed var(--bc-note);border-radius:8px;background:var(--bc-note-bg)}
.baton-console .consult-lines{list-style:none;margin:0;padding:0;max-height:200px;overflow:auto}
.baton-console .consult-lines li{margin:4px 0}
.baton-console .consult-lines li p{margin:2px 0}
.baton-console .consult-reply{display:flex;flex-wrap:wrap;gap:6px;align-items:end}
.baton-console .consult-reply label{flex-basis:100%}
.baton-console .consult-reply textarea{flex:1}
.baton-console .candidates{max-height:50vh;overflow:auto}
.baton-console fieldset label.candidate{display:grid;grid-template-columns:auto 1fr;gap:2px 8px;margin:6px 0;padding:6px;border-radius:6px}
.baton-console .candidate:has(input:checked){background:var(--bc-surface)}
.baton-console .candidate-facts{grid-column:2;font-size:.85rem;color:var(--bc-muted)}
.baton-console .candidate.unavailable .candidate-name{color:var(--bc-muted)}
.baton-console .presence-dot{display:inline-block;width:.6em;height:.6em;border-radius:50%;margin-inline-end:4px;background:var(--bc-muted)}
.baton-console .presence-available{background:#1a7f37}
.baton-console .presence-busy{background:var(--bc-urgent)}
.baton-console fieldset label.slot{display:block;margin:6px 0}
.baton-console .actions .end-button{margin-inline-start:auto}
.baton-console .desk-alerts{display:flex;gap:8px;align-items:center;flex-wrap:wrap}
.baton-console .emergency-banner{margin:0;padding:6px 12px;border-radius:8px;background:var(--bc-danger);color:#fff;font-weight:700;animation:baton-pulse 1.2s ease-in-out infinite alternate}
@keyframes baton-pulse{from{box-shadow:0 0 0 0 rgb(138 11 16/.6)}to{box-shadow:0 0 0 6px rgb(138 11 16/0)}}`;
