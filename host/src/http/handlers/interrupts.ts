/** Handlers of the `interrupts` tag. */
import type { HandlerMap } from '../../generated/routes.gen.js';
import type { InterruptView } from '../../generated/types/types.gen.js';
import { requirePrincipal, type HandlerContext } from '../handler-context.js';

/** Interrupt resolution: run-scoped with an API key, or through a signed token. */
export const interruptHandlers: Pick<
  HandlerMap<HandlerContext>,
  'resolveInterruptByRun' | 'inspectInterruptByToken' | 'resolveInterruptByToken'
> = {
  async resolveInterruptByRun(input, context) {
    const principal = requirePrincipal(context);
    const outcome = await context.services.interrupts.resolveByRun(
      { tenant: principal.tenant, isTest: principal.isTest, keyId: principal.keyId },
      input.path.runId,
      input.path.nodeId,
      input.body.resumeValue,
    );
    return { status: 200, body: outcome };
  },
  async inspectInterruptByToken(input, context) {
    const view = await context.services.interrupts.inspectByToken(input.path.token);
    return { status: 200, body: view as InterruptView };
  },
  async resolveInterruptByToken(input, context) {
    return { status: 200, body: await context.services.interrupts.resolveByToken(input.path.token, input.body) };
  },
};
