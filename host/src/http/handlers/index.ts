/** The complete handler map: one handler per operationId, checked by the generated route table. */
import type { HandlerMap } from '../../generated/routes.gen.js';
import type { HandlerContext } from '../handler-context.js';
import { discoveryHandlers } from './discovery.js';
import { interruptHandlers } from './interrupts.js';
import { notImplementedHandlers } from './not-implemented.js';
import { runHandlers } from './runs.js';
import { testingHandlers } from './testing.js';
import { webhookHandlers } from './webhooks.js';
import { workflowHandlers } from './workflows.js';

/** Every operation's handler. */
export const handlers: HandlerMap<HandlerContext> = {
  ...discoveryHandlers,
  ...workflowHandlers,
  ...runHandlers,
  ...interruptHandlers,
  ...testingHandlers,
  ...webhookHandlers,
  ...notImplementedHandlers,
};
