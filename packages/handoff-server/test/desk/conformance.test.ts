import { testHandoffAdapter } from '../../src/testing';
import { createDeskFixture } from './support/desk-fixture';

// The built-in desk inside a real server, real patients and agents over socket.io; the
// suite's host judges every report before the engine applies it (see the fixture).
testHandoffAdapter(() => createDeskFixture(), { name: 'agent desk' });
