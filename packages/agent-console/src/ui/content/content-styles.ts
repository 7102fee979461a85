/** Styles of agent content (canned picker, side tabs, assist panel, admin screen), appended to `CONSOLE_CSS`. */
export const CONTENT_CSS = `
.baton-console .tabs [role=tablist]{display:flex;gap:4px;border-bottom:1px solid var(--bc-border);margin-bottom:8px}
.baton-console .tabs [role=tab]{border-radius:8px 8px 0 0;border-bottom:none}
.baton-console .tabs [role=tab][aria-selected=true]{background:var(--bc-primary);color:var(--bc-on-primary);border-color:var(--bc-primary)}
.baton-console .tab-panel{min-width:0}
.baton-console .canned-picker{border:1px solid var(--bc-border);border-radius:8px;background:var(--bc-bg);margin:4px 0;max-height:260px;overflow-y:auto}
.baton-console .canned-picker [role=listbox]{margin:0;padding:4px}
.baton-console .canned-picker [role=option]{padding:6px 8px;border-radius:6px;cursor:pointer;display:grid;grid-template-columns:auto 1fr;gap:2px 8px}
.baton-console .canned-picker [role=option].active{background:var(--bc-primary);color:var(--bc-on-primary)}
.baton-console .canned-picker .shortcut{font-family:ui-monospace,monospace;font-weight:700}
.baton-console .canned-picker .preview{grid-column:1/-1;font-size:.85rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.baton-console .canned-picker p{margin:6px 8px}
.baton-console .composer-hint{font-size:.85rem;margin:4px 0}
.baton-console .assist-scripts ol,.baton-console .assist-macros ul,.baton-console .assist-knowledge ul{padding-inline-start:20px}
.baton-console .assist-scripts li,.baton-console .assist-knowledge li,.baton-console .assist-macros>ul>li{margin-bottom:10px}
.baton-console .assist-scripts p,.baton-console .assist-knowledge .snippet{margin:4px 0;white-space:pre-wrap}
.baton-console .assist-knowledge ul{list-style:none;padding:0}
.baton-console .assist-knowledge input{width:100%;min-height:44px;padding:6px 8px;border:1px solid var(--bc-border);border-radius:8px;margin:4px 0 8px}
.baton-console .assist-knowledge .tags{font-size:.85rem;color:var(--bc-muted);margin:0}
.baton-console .row{display:flex;gap:8px;flex-wrap:wrap;align-items:center}
.baton-console .content-admin{padding:12px;max-width:1100px}
.baton-console .content-admin>header h2{margin:0;margin-inline-end:auto}
.baton-console .content-form{border:1px solid var(--bc-border);border-radius:8px;padding:12px;margin:8px 0 16px}
.baton-console .content-form .grid{display:grid;grid-template-columns:minmax(140px,220px) 1fr;gap:8px 12px;align-items:start}
.baton-console .content-form input:not([type=checkbox]),.baton-console .content-form select,.baton-console .content-form textarea{min-height:40px;padding:6px 8px;border:1px solid var(--bc-border);border-radius:8px;width:100%}
.baton-console .content-form .check{display:flex;gap:8px;align-items:center;min-height:44px}
.baton-console .content-form .check input{width:20px;height:20px;min-height:0;margin:0;flex:none}
.baton-console .content-table tr.retired th,.baton-console .content-table tr.retired td{color:var(--bc-muted)}
.baton-console .content-table .shortcut{font-family:ui-monospace,monospace}
`;
