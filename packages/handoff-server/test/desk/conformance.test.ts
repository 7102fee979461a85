import { createAgentDesk } from '@baton/handoff-server/adapters';
import { testHandoffAdapter } from '@baton/handoff-server/testing';
import { createDeskFixture } from './support/desk-fixture';

// The built-in desk taken from the public adapter entry, as a third party would take it,
// inside a real server with real patients and agents over socket.io; the suite's host judges
// every report before the engine applies it (see the fixture).
testHandoffAdapter(() => createDeskFixture((store) => createAgentDesk({ store })), {
  name: 'agent desk',
});
