#!/usr/bin/env node
// `npm start`: the one-machine demo. Until every part exists it says what it will start.
const parts = [
  ['Direct Line emulator (Health Bot simulator)', '@baton/directline-emulator'],
  ['handoff server (SQLite under ./data, no Redis)', '@baton/handoff-server'],
  ['agent console', '@baton/agent-console'],
  ['patient portal page with the chat widget', '@baton/chat-widget'],
];
console.log('Baton demo — this will start, on 127.0.0.1:');
for (const [what, pkg] of parts) console.log(`  - ${what} (${pkg})`);
console.log('\nThe demo is not assembled yet; see README.md "Status".');
