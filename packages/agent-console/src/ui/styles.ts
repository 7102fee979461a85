/**
 * The console's stylesheet. `mountAgentConsole` adopts it as a constructable stylesheet
 * (no inline <style>, so a strict CSP needs no nonce); the built app links it as app.css.
 * Colours meet WCAG 2.2 AA contrast on their backgrounds; focus is always visible.
 */

import { ATTACHMENT_CSS } from './attachments/attachment-styles';
import { CARD_CSS } from './cards/card-styles';
import { CONTENT_CSS } from './content/content-styles';
import { DESK_LAYOUT_CSS } from './desk-layout-styles';
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
.baton-console h1{font-size:var(--bc-text-lg);margin:0}
.baton-console h2{font-size:var(--bc-text-h2);margin:0 0 var(--bc-space-2)}
.baton-console h3{font-size:var(--bc-text-md);margin:var(--bc-space-3) 0 var(--bc-space-1-5)}
.baton-console .muted{color:var(--bc-muted)}
.baton-console .error{color:var(--bc-danger);background:var(--bc-danger-bg);padding:var(--bc-space-1-5) var(--bc-space-2);border-radius:var(--bc-radius-sm)}
.baton-console button{min-height:44px;min-width:44px;padding:var(--bc-space-2) var(--bc-space-3-5);border:1px solid var(--bc-border);border-radius:var(--bc-radius);background:var(--bc-bg);cursor:pointer}
.baton-console button:disabled{cursor:not-allowed;opacity:.7}
.baton-console button.primary{background:var(--bc-primary);color:var(--bc-on-primary);border-color:var(--bc-primary);font-weight:600}
.baton-console button.danger{background:var(--bc-danger);color:var(--bc-on-danger);border-color:var(--bc-danger)}
.baton-console input,.baton-console select,.baton-console textarea{min-height:44px;padding:var(--bc-space-2);border:1px solid var(--bc-border);border-radius:var(--bc-radius-sm);background:var(--bc-bg);width:100%}
.baton-console input[type=radio],.baton-console input[type=checkbox]{width:auto;min-height:auto;margin-inline-end:var(--bc-space-2);vertical-align:middle}
.baton-console label{display:block;margin:var(--bc-space-2) 0 var(--bc-space-1);font-weight:600}
.baton-console fieldset{border:1px solid var(--bc-border);border-radius:var(--bc-radius-sm);margin:var(--bc-space-2) 0;padding:var(--bc-space-1-5) var(--bc-space-2-5)}
.baton-console fieldset label{display:inline-flex;gap:var(--bc-space-1);align-items:center;margin-inline-end:var(--bc-space-4);font-weight:400}
.baton-console .badge{display:inline-block;margin-inline-start:var(--bc-space-1-5);padding:1px var(--bc-space-2);border-radius:var(--bc-radius-pill);font-size:var(--bc-text-xs);font-weight:700;background:var(--bc-surface);color:var(--bc-text);border:1px solid var(--bc-border)}
.baton-console .badge.emergency{background:var(--bc-danger);color:var(--bc-on-danger);border-color:var(--bc-danger)}
.baton-console .badge.urgent{background:var(--bc-urgent-bg);color:var(--bc-urgent);border-color:var(--bc-urgent)}
.baton-console .badge.clinical{background:var(--bc-clinical-bg);color:var(--bc-clinical);border-color:var(--bc-clinical)}
.baton-console .badge.note{background:var(--bc-note-bg);color:var(--bc-note);border-color:var(--bc-note)}
.baton-console .badge.stated{background:var(--bc-stated-bg);color:var(--bc-stated);border:1px dashed var(--bc-stated);margin-inline:0 var(--bc-space-1-5)}
.baton-console .stated-name{display:block;font-size:var(--bc-text-sm);color:var(--bc-text);margin:var(--bc-space-0-5) 0}
.baton-console .stated-context{margin-top:var(--bc-space-2);padding:var(--bc-space-1-5) var(--bc-space-2);border:1px dashed var(--bc-stated);border-radius:var(--bc-radius-sm)}
.baton-console .stated-context h4{margin:0 0 var(--bc-space-1);font-size:var(--bc-text-sm2);color:var(--bc-stated)}
.baton-console .badge.unread{background:var(--bc-primary);color:var(--bc-on-primary);border-color:var(--bc-primary)}
.baton-console .signin{display:grid;place-items:center;min-height:100vh;padding:var(--bc-space-4)}
.baton-console .signin form{width:min(360px,100%);padding:var(--bc-space-6);border:1px solid var(--bc-border);border-radius:var(--bc-radius-lg)}
.baton-console .signin button{margin-top:var(--bc-space-4);width:100%}
.baton-console .topbar{display:flex;flex-wrap:wrap;align-items:center;gap:var(--bc-space-3);padding:var(--bc-space-2) var(--bc-space-4);border-bottom:1px solid var(--bc-border)}
.baton-console .topbar h1{flex:1}
.baton-console .topbar p{margin:0}
.baton-console .topbar .presence{display:flex;align-items:center;gap:var(--bc-space-1-5);margin:0}
.baton-console .topbar .presence select{width:auto}
.baton-console .connection.reconnecting,.baton-console .connection.disconnected,.baton-console .connection.unauthorized{color:var(--bc-danger);font-weight:700}
.baton-console .views{display:flex;gap:var(--bc-space-2);padding:var(--bc-space-2) var(--bc-space-4)}
.baton-console [aria-current=page]{background:var(--bc-surface);border-color:var(--bc-primary);border-width:2px;font-weight:700}
.baton-console .logoff-warning{position:fixed;inset-inline:var(--bc-space-4);bottom:var(--bc-space-4);z-index:10;display:flex;flex-wrap:wrap;gap:var(--bc-space-3);align-items:center;justify-content:space-between;padding:var(--bc-space-3) var(--bc-space-4);background:var(--bc-note-bg);color:var(--bc-note);border:2px solid var(--bc-note);border-radius:var(--bc-radius);box-shadow:0 4px 16px rgba(0,0,0,.2)}
.baton-console .logoff-warning p{margin:0;font-weight:600}
.baton-console .signin .notice{background:var(--bc-note-bg);color:var(--bc-note);padding:var(--bc-space-1-5) var(--bc-space-2);border-radius:var(--bc-radius-sm)}
.baton-console .closed-notice{display:flex;flex-wrap:wrap;gap:var(--bc-space-2) var(--bc-space-3);align-items:center;margin-top:var(--bc-space-2);padding:var(--bc-space-2-5) var(--bc-space-3);background:var(--bc-surface);border:1px solid var(--bc-border);border-radius:var(--bc-radius)}
.baton-console .closed-notice p{margin:0}
.baton-console .closed-notice .badge{margin-inline-start:0}
.baton-console .notices p{display:flex;gap:var(--bc-space-2);align-items:center;justify-content:space-between;margin:var(--bc-space-1) var(--bc-space-4);padding:var(--bc-space-1-5) var(--bc-space-2-5);background:var(--bc-danger-bg);color:var(--bc-danger);border-radius:var(--bc-radius-sm)}
.baton-console main{padding:var(--bc-space-2) var(--bc-space-4)}
.baton-console .agent-view{display:grid;grid-template-columns:minmax(260px,320px) 1fr;gap:var(--bc-space-4)}
@media (max-width:800px){.baton-console .agent-view{grid-template-columns:1fr}}
.baton-console .queue-list,.baton-console .tabs,.baton-console .entries,.baton-console .chat-items{list-style:none;margin:0;padding:0}
.baton-console .queue-item{padding:var(--bc-space-2-5);margin-bottom:var(--bc-space-2);border:1px solid var(--bc-border);border-radius:var(--bc-radius)}
.baton-console .queue-item.priority-emergency{border:2px solid var(--bc-danger)}
.baton-console .patient-name{font-weight:700}
.baton-console .queue-meta{display:flex;flex-wrap:wrap;gap:var(--bc-space-1) var(--bc-space-3);margin:var(--bc-space-1-5) 0;font-size:var(--bc-text-sm2)}
.baton-console .queue-meta div{display:flex;gap:var(--bc-space-1)}
.baton-console .queue-meta dt{color:var(--bc-muted)}
.baton-console .queue-meta dd{margin:0}
.baton-console .tabs{display:flex;flex-wrap:wrap;gap:var(--bc-space-1-5);margin-bottom:var(--bc-space-2)}
.baton-console .tab.closed{color:var(--bc-muted);font-style:italic}
.baton-console .conversation-header{display:flex;gap:var(--bc-space-3);align-items:baseline}
.baton-console .conversation-body{display:grid;grid-template-columns:minmax(220px,300px) 1fr;gap:var(--bc-space-4)}
@media (max-width:1000px){.baton-console .conversation-body{grid-template-columns:1fr}}
.baton-console .patient-context dl{margin:0}
.baton-console .patient-context dl div{padding:var(--bc-space-1) 0;border-bottom:1px solid var(--bc-surface)}
.baton-console .patient-context dt{font-weight:600;font-size:var(--bc-text-sm2)}
.baton-console .patient-context dd{margin:0;overflow-wrap:anywhere}
.baton-console .bot-transcript{margin-top:var(--bc-space-3)}
.baton-console .bot-transcript summary{cursor:pointer;font-weight:700;min-height:44px;display:flex;align-items:center}
.baton-console .chat-log .bot-transcript{margin:0 0 var(--bc-space-2);padding-bottom:var(--bc-space-1);border-bottom:1px solid var(--bc-border)}
.baton-console .chat-log .entry.from-patient{margin-inline-end:15%}
.baton-console .chat-log .entry.from-bot,.baton-console .chat-log .entry.from-system{margin-inline-start:15%}
.baton-console .entry,.baton-console .chat-item{padding:var(--bc-space-1-5) var(--bc-space-2);margin:var(--bc-space-1) 0;border-radius:var(--bc-radius);background:var(--bc-surface)}
.baton-console .entry p,.baton-console .chat-item p{margin:0}
.baton-console .text{white-space:pre-wrap;overflow-wrap:anywhere}
.baton-console .meta{font-size:var(--bc-text-sm);color:var(--bc-muted)}
.baton-console .who{font-weight:700;color:var(--bc-text)}
.baton-console .card-summary{margin-top:var(--bc-space-1);padding:var(--bc-space-1) var(--bc-space-2);border-inline-start:3px solid var(--bc-border)}
.baton-console .chat-log{max-height:50vh;min-height:200px;overflow-y:auto;padding:var(--bc-space-1);border:1px solid var(--bc-border);border-radius:var(--bc-radius)}
.baton-console .chat-item.from-agent{margin-inline-start:15%;background:var(--bc-agent-bg)}
.baton-console .chat-item.from-patient{margin-inline-end:15%}
.baton-console .chat-item.note{margin-inline-start:15%;background:var(--bc-note-bg);border:2px dashed var(--bc-note)}
.baton-console .chat-event{text-align:center;font-size:var(--bc-text-sm);color:var(--bc-muted);padding:var(--bc-space-0-5)}
.baton-console .delivery{display:block;font-size:var(--bc-text-xs);color:var(--bc-muted);text-align:end}
.baton-console .delivery.failed{color:var(--bc-danger);font-weight:700}
.baton-console .typing{min-height:1.4em;margin:var(--bc-space-1) 0;font-size:var(--bc-text-sm2);color:var(--bc-muted)}
.baton-console .composer{margin-top:var(--bc-space-2)}
.baton-console .composer.mode-note textarea{background:var(--bc-note-bg);border:2px dashed var(--bc-note)}
.baton-console .note-hint{margin:var(--bc-space-1) 0;color:var(--bc-note);font-weight:700}
.baton-console .composer-actions{display:flex;gap:var(--bc-space-2);align-items:end;justify-content:flex-end;margin-top:var(--bc-space-1-5)}
.baton-console .actions{display:flex;flex-wrap:wrap;gap:var(--bc-space-2);margin-top:var(--bc-space-3)}
.baton-console .closed{display:flex;gap:var(--bc-space-3);align-items:center;margin-top:var(--bc-space-2)}
.baton-console .transfer-note{padding:var(--bc-space-1-5) var(--bc-space-2);background:var(--bc-note-bg);border-radius:var(--bc-radius);margin:var(--bc-space-1-5) 0}
.baton-console .backdrop{position:fixed;inset:0;background:rgb(0 0 0/.45);display:grid;place-items:center;z-index:10}
.baton-console .dialog{width:min(480px,calc(100vw - 32px));max-height:calc(100vh - 32px);overflow:auto;padding:var(--bc-space-5);border-radius:var(--bc-radius-lg);background:var(--bc-bg);box-shadow:0 8px 30px rgb(0 0 0/.3)}
.baton-console fieldset.slots{max-height:50vh;overflow:auto}
.baton-console .dialog-buttons{display:flex;justify-content:flex-end;gap:var(--bc-space-2);margin-top:var(--bc-space-4)}
.baton-console .kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:var(--bc-space-2);margin:0}
.baton-console .kpi{padding:var(--bc-space-2-5);border:1px solid var(--bc-border);border-radius:var(--bc-radius)}
.baton-console .kpi dt{font-size:var(--bc-text-sm);color:var(--bc-muted)}
.baton-console .kpi dd{margin:0;font-size:var(--bc-text-xl);font-weight:700}
.baton-console table{border-collapse:collapse;width:100%;margin-bottom:var(--bc-space-2)}
.baton-console th,.baton-console td{text-align:start;padding:var(--bc-space-1-5) var(--bc-space-2);border-bottom:1px solid var(--bc-border)}
@media (prefers-reduced-motion:reduce){.baton-console *{animation:none!important;transition:none!important}}
${WORKLIST_CSS}${CONTENT_CSS}${TRANSCRIPT_CSS}${SUPERVISOR_CSS}${INSIGHTS_CSS}${ATTACHMENT_CSS}${CARD_CSS}${SHORTCUT_CSS}${THEME_CSS}
.baton-console .agent-view>.workspace{grid-column:2;grid-row:1/span 2}
@media (max-width:800px){.baton-console .agent-view>.workspace,.baton-console .consult-inbox{grid-column:auto;grid-row:auto}}
.baton-console .consult-inbox{grid-column:1;padding:var(--bc-space-2-5);border:1px solid var(--bc-border);border-radius:var(--bc-radius)}
.baton-console .consult-card{padding:var(--bc-space-2) 0;border-top:1px solid var(--bc-border)}
.baton-console .consult-thread{margin-top:var(--bc-space-3);padding:var(--bc-space-2-5);border:1px dashed var(--bc-note);border-radius:var(--bc-radius);background:var(--bc-note-bg)}
.baton-console .consult-lines{list-style:none;margin:0;padding:0;max-height:200px;overflow:auto}
.baton-console .consult-lines li{margin:var(--bc-space-1) 0}
.baton-console .consult-lines li p{margin:var(--bc-space-0-5) 0}
.baton-console .consult-log{list-style:none;margin:0;padding:0}
.baton-console .consult-log li{margin:var(--bc-space-1) 0}
.baton-console .consult-reply{display:flex;flex-wrap:wrap;gap:var(--bc-space-1-5);align-items:end}
.baton-console .consult-reply label{flex-basis:100%}
.baton-console .consult-reply textarea{flex:1}
.baton-console .candidates{max-height:50vh;overflow:auto}
.baton-console fieldset label.candidate{display:grid;grid-template-columns:auto 1fr;gap:var(--bc-space-0-5) var(--bc-space-2);margin:var(--bc-space-1-5) 0;padding:var(--bc-space-1-5);border-radius:var(--bc-radius-sm)}
.baton-console .candidate:has(input:checked){background:var(--bc-surface)}
.baton-console .candidate-facts{grid-column:2;font-size:var(--bc-text-sm);color:var(--bc-muted)}
.baton-console .candidate.unavailable .candidate-name{color:var(--bc-muted)}
.baton-console .presence-dot{display:inline-block;width:.6em;height:.6em;border-radius:50%;margin-inline-end:var(--bc-space-1);background:var(--bc-muted)}
.baton-console .presence-available{background:var(--bc-ok)}
.baton-console .presence-busy{background:var(--bc-urgent)}
.baton-console fieldset label.slot{display:block;margin:var(--bc-space-1-5) 0}
.baton-console .actions .end-button{margin-inline-start:auto}
.baton-console .desk-alerts{display:flex;gap:var(--bc-space-2);align-items:center;flex-wrap:wrap}
.baton-console .emergency-banner{margin:0;padding:var(--bc-space-1-5) var(--bc-space-3);border-radius:var(--bc-radius);background:var(--bc-danger);color:var(--bc-on-danger);font-weight:700;animation:baton-pulse 1.2s ease-in-out infinite alternate}
@keyframes baton-pulse{from{box-shadow:0 0 0 0 rgb(138 11 16/.6)}to{box-shadow:0 0 0 6px rgb(138 11 16/0)}}
.baton-console .consult-closed:not(:empty){margin:var(--bc-space-2) 0 0;padding:var(--bc-space-1-5) var(--bc-space-2);border-inline-start:3px solid var(--bc-border);background:var(--bc-surface);font-weight:600}
.baton-console .workspace>.consult-inbox{grid-column:auto}
${DESK_LAYOUT_CSS}`;
