import { testHandoffAdapter } from '../../src/testing';
import { createWebhookFixture } from './support/webhook-fixture';

// The receiver answers 503 to the first attempt of every event, so every case also runs
// through the retry path.
testHandoffAdapter(() => createWebhookFixture(), { name: 'webhook' });
