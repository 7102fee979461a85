/** Shared files in the chat and the composer's paperclip (tokens from the console's palette). */
export const ATTACHMENT_CSS = `
.baton-console .attach{display:inline-flex;align-items:center;gap:8px;margin-inline-end:auto;flex-wrap:wrap}
.baton-console .attach-button{display:inline-flex;align-items:center;gap:6px;min-height:44px;margin:0;padding:8px 14px;border:1px solid var(--bc-border);border-radius:8px;background:var(--bc-bg);font-weight:600;cursor:pointer}
.baton-console .attach input:focus-visible+.attach-button{outline:3px solid var(--bc-focus);outline-offset:2px}
.baton-console .attach-button.disabled{cursor:not-allowed;opacity:.7}
.baton-console .attach-status{font-size:.9rem;color:var(--bc-muted)}
.baton-console .attachment-image{display:inline-block;margin:4px 0;border-radius:6px;border:1px solid var(--bc-border);overflow:hidden;line-height:0}
.baton-console .attachment-image img{display:block;max-width:min(320px,100%);max-height:240px;object-fit:contain;background:var(--bc-surface)}
.baton-console button.file-chip{display:inline-flex;align-items:center;gap:8px;margin:4px 0;padding:6px 12px;border-radius:999px;background:var(--bc-bg);text-align:start}
.baton-console .file-chip .file-icon{padding:2px 6px;border-radius:4px;background:var(--bc-danger);color:#fff;font-size:.75rem;font-weight:700}
.baton-console .file-chip .file-name{font-weight:600;overflow-wrap:anywhere}
.baton-console .file-chip .file-size{color:var(--bc-muted);font-size:.85rem}
.baton-console .conversation-files ul{margin:0;padding:0;list-style:none}
.baton-console .conversation-files li{margin:var(--bc-space-1) 0}
.baton-console .conversation-files p{margin:0}`;
