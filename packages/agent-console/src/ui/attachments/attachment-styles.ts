/** Shared files in the chat and the composer's paperclip (tokens from the console's palette). */
export const ATTACHMENT_CSS = `
.baton-console .attach{display:inline-flex;align-items:center;gap:var(--bc-space-2);margin-inline-end:auto;flex-wrap:wrap}
.baton-console .attach-button{display:inline-flex;align-items:center;gap:var(--bc-space-1-5);min-height:44px;margin:0;padding:var(--bc-space-2) var(--bc-space-3-5);border:1px solid var(--bc-border);border-radius:var(--bc-radius);background:var(--bc-bg);font-weight:600;cursor:pointer}
.baton-console .attach input:focus-visible+.attach-button{outline:3px solid var(--bc-focus);outline-offset:2px}
.baton-console .attach-button.disabled{cursor:not-allowed;opacity:.7}
.baton-console .attach-status{font-size:var(--bc-text-sm2);color:var(--bc-muted)}
.baton-console .attachment-image{display:inline-block;margin:var(--bc-space-1) 0;border-radius:var(--bc-radius-sm);border:1px solid var(--bc-border);overflow:hidden;line-height:0}
.baton-console .attachment-image img{display:block;max-width:min(320px,100%);max-height:240px;object-fit:contain;background:var(--bc-surface)}
.baton-console button.file-chip{display:inline-flex;align-items:center;gap:var(--bc-space-2);margin:var(--bc-space-1) 0;padding:var(--bc-space-1-5) var(--bc-space-3);border-radius:var(--bc-radius-pill);background:var(--bc-bg);text-align:start}
.baton-console .file-chip .file-icon{padding:var(--bc-space-0-5) var(--bc-space-1-5);border-radius:var(--bc-radius-sm);background:var(--bc-danger);color:var(--bc-on-danger);font-size:var(--bc-text-xs);font-weight:700}
.baton-console .file-chip .file-name{font-weight:600;overflow-wrap:anywhere}
.baton-console .file-chip .file-size{color:var(--bc-muted);font-size:var(--bc-text-sm)}
.baton-console .conversation-files ul{margin:0;padding:0;list-style:none}
.baton-console .conversation-files li{margin:var(--bc-space-1) 0}
.baton-console .conversation-files p{margin:0}`;
