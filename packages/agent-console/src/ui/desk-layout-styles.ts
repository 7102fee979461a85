/**
 * The agent desk as one screen, like Omnichannel's or Chatwoot's: on a laptop or wider (and
 * tall enough to hold it), the page itself does not scroll. The header and the views stay at
 * the top; the queue, the side panel and the chat log each scroll on their own; the composer
 * and the conversation's actions stay at the bottom, in view. Narrow or short screens keep
 * the page flowing as one column. The canned-response picker opens over the log, above the
 * composer, as Chatwoot's does: the log keeps its height while the agent picks. A console
 * that is the page (a child of `body`) takes it all, without the browser's margin, in every
 * view.
 */
export const DESK_LAYOUT_CSS = `
body:has(>.baton-console .shell){margin:0}
.baton-console .conversation-main>.actions{margin:0 0 var(--bc-space-2)}
@media (min-width:1001px) and (min-height:560px){
.baton-console .shell:has(>main>.agent-view){display:flex;flex-direction:column;height:100vh;height:100dvh;overflow:hidden}
.baton-console .shell:has(>main>.agent-view)>main{flex:1;min-height:0;display:flex;flex-direction:column;padding-block-end:var(--bc-space-2)}
.baton-console .agent-view{flex:1;min-height:0;grid-template-columns:minmax(220px,300px) minmax(0,1fr);grid-template-rows:minmax(0,1fr) auto}
.baton-console .agent-view>.queue{grid-column:1;grid-row:1;min-height:0;overflow-y:auto;overscroll-behavior:contain}
.baton-console .agent-view>.consult-inbox{grid-row:2;max-height:40vh;overflow-y:auto}
.baton-console .agent-view>.workspace{display:flex;flex-direction:column;min-height:0;min-width:0}
.baton-console .workspace>nav{flex:none}
.baton-console .workspace>.conversation{flex:1;min-height:0;display:flex;flex-direction:column}
.baton-console .conversation>*{flex:none}
.baton-console .conversation>.conversation-body{flex:1;min-height:0;grid-template-columns:minmax(200px,280px) minmax(0,1fr);grid-template-rows:minmax(0,1fr)}
.baton-console .conversation-side{min-height:0;overflow-y:auto;overscroll-behavior:contain;padding-inline-end:var(--bc-space-1)}
.baton-console .conversation-main{display:flex;flex-direction:column;min-height:0;min-width:0}
.baton-console .conversation-main>*{flex:none}
.baton-console .conversation-main>.chat{flex:1;min-height:0;display:flex;flex-direction:column}
.baton-console .conversation-main>.chat>.chat-log{flex:1;min-height:96px;max-height:none}
.baton-console .conversation-main>.consult-thread{max-height:30vh;overflow-y:auto}
.baton-console .conversation-main>.chat>.typing{margin:0;min-height:1.2em}
.baton-console .conversation-main .composer{display:flex;flex-wrap:wrap;align-items:center;column-gap:var(--bc-space-3);margin-top:var(--bc-space-1)}
.baton-console .conversation-main .composer>*{flex:1 1 100%}
.baton-console .conversation-main .composer>fieldset.mode{order:-1;flex:none;display:flex;margin:0;padding:0 var(--bc-space-2);border:0}
.baton-console .conversation-main .composer>label{order:-2;flex:none;margin:0}
.baton-console .conversation-main .composer>textarea{height:calc(2.8em + 18px);min-height:44px}
.baton-console .conversation-main .composer>.composer-hint{margin:var(--bc-space-0-5) 0;font-size:var(--bc-text-sm)}
.baton-console .conversation-main .composer>.compose-format,.baton-console .conversation-main .composer>.composer-actions{flex:1 1 auto;margin-top:0}
.baton-console .conversation-main .composer>.compose-format{flex-basis:0;min-width:0;flex-wrap:nowrap}
.baton-console .conversation-main .composer>.compose-format~.composer-actions{flex:none;margin-inline-start:auto}
.baton-console .conversation-main .composer>.compose-format>span{flex:1 1 0;min-width:0}
.baton-console .conversation-main>.actions{margin:0 0 var(--bc-space-1-5);gap:var(--bc-space-1)}
.baton-console .conversation-main .composer{position:relative}
.baton-console .conversation-main .composer>.canned-picker{position:absolute;inset-inline:0;bottom:100%;z-index:5;max-height:min(260px,40vh);margin:0 0 var(--bc-space-1);box-shadow:0 4px 16px rgb(0 0 0/.18)}
.baton-console .conversation-main>.actions button{min-height:36px;padding:var(--bc-space-1) var(--bc-space-2);font-size:var(--bc-text-sm2)}
@media (max-width:1400px){.baton-console .agent-view{grid-template-columns:minmax(200px,240px) minmax(0,1fr)}.baton-console .conversation>.conversation-body{grid-template-columns:minmax(200px,240px) minmax(0,1fr)}}
}`;
