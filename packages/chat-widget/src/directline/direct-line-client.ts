import { DirectLine } from 'botframework-directlinejs/lib/directLine';
import type { DirectLineClient, DirectLineFactory } from './connection';

/**
 * The real client (the browser bundle replaces its streaming extension with nothing). It is
 * imported lazily (`connect.ts`): with rxjs, about a third of the widget's code, fetched once
 * the session is in and the bot's greeting that came with it is on screen.
 */
export const createDirectLine: DirectLineFactory = (options) =>
  new DirectLine(options) as unknown as DirectLineClient;
