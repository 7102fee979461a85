/** Styles of agent content (canned picker, side tabs, assist panel, admin screen), appended to `CONSOLE_CSS`. */
export const CONTENT_CSS = `
.baton-console .tabs [role=tablist]{display:flex;flex-wrap:wrap;gap:var(--bc-space-1);border-bottom:1px solid var(--bc-border);margin-bottom:var(--bc-space-2)}
.baton-console .tabs [role=tab]{border-radius:var(--bc-radius) var(--bc-radius) 0 0;border-bottom:none}
.baton-console .tabs [role=tab][aria-selected=true]{background:var(--bc-primary);color:var(--bc-on-primary);border-color:var(--bc-primary)}
.baton-console .tab-panel{min-width:0}
.baton-console .tabs:has(>[role=tablist]){display:block;margin-bottom:0}
.baton-console .canned-picker{border:1px solid var(--bc-border);border-radius:var(--bc-radius);background:var(--bc-bg);margin:var(--bc-space-1) 0;max-height:260px;overflow-y:auto}
.baton-console .canned-picker [role=listbox]{margin:0;padding:var(--bc-space-1)}
.baton-console .canned-picker [role=option]{padding:var(--bc-space-1-5) var(--bc-space-2);border-radius:var(--bc-radius-sm);cursor:pointer;display:grid;grid-template-columns:auto 1fr;gap:var(--bc-space-0-5) var(--bc-space-2)}
.baton-console .canned-picker [role=option].active{background:var(--bc-primary);color:var(--bc-on-primary)}
.baton-console .canned-picker .shortcut{font-family:ui-monospace,monospace;font-weight:700}
.baton-console .canned-picker .preview{grid-column:1/-1;font-size:var(--bc-text-sm);overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.baton-console .canned-picker p{margin:var(--bc-space-1-5) var(--bc-space-2)}
.baton-console .composer-hint{font-size:var(--bc-text-sm);margin:var(--bc-space-1) 0}
.baton-console .assist-scripts ol,.baton-console .assist-macros ul,.baton-console .assist-knowledge ul{padding-inline-start:var(--bc-space-5)}
.baton-console .assist-scripts li,.baton-console .assist-knowledge li,.baton-console .assist-macros>ul>li{margin-bottom:var(--bc-space-2-5)}
.baton-console .assist-scripts p,.baton-console .assist-knowledge .snippet{margin:var(--bc-space-1) 0;white-space:pre-wrap}
.baton-console .assist-knowledge ul{list-style:none;padding:0}
.baton-console .assist-knowledge input{width:100%;min-height:44px;padding:var(--bc-space-1-5) var(--bc-space-2);border:1px solid var(--bc-border);border-radius:var(--bc-radius);margin:var(--bc-space-1) 0 var(--bc-space-2)}
.baton-console .assist-knowledge .tags{font-size:var(--bc-text-sm);color:var(--bc-muted);margin:0}
.baton-console .row{display:flex;gap:var(--bc-space-2);flex-wrap:wrap;align-items:center}
.baton-console .content-admin{padding:var(--bc-space-3);max-width:1100px}
.baton-console .content-admin>header h2{margin:0;margin-inline-end:auto}
.baton-console .content-form{border:1px solid var(--bc-border);border-radius:var(--bc-radius);padding:var(--bc-space-3);margin:var(--bc-space-2) 0 var(--bc-space-4)}
.baton-console .content-form .grid{display:grid;grid-template-columns:minmax(140px,220px) 1fr;gap:var(--bc-space-2) var(--bc-space-3);align-items:start}
.baton-console .content-form input:not([type=checkbox]),.baton-console .content-form select,.baton-console .content-form textarea{min-height:40px;padding:var(--bc-space-1-5) var(--bc-space-2);border:1px solid var(--bc-border);border-radius:var(--bc-radius);width:100%}
.baton-console .content-form .check{display:flex;gap:var(--bc-space-2);align-items:center;min-height:44px}
.baton-console .content-form .check input{width:20px;height:20px;min-height:0;margin:0;flex:none}
.baton-console .content-table tr.retired th,.baton-console .content-table tr.retired td{color:var(--bc-muted)}
.baton-console .content-table .shortcut{font-family:ui-monospace,monospace}
`;
