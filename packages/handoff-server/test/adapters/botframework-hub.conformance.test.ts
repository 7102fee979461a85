import { testHandoffAdapter } from '../../src/testing';
import { createHubFixture } from './support/hub-fixture';

// The agent side is a real botbuilder bot (CloudAdapter, no app id) answering through the
// Bot Connector endpoint the adapter serves.
testHandoffAdapter(() => createHubFixture(), { name: 'botframework-hub' });
