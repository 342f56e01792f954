/** Conformance test seams: off unless the host runs with `WOPKIT_TEST_SEAMS=1`, and only for test keys. */
import type { HandlerMap } from '../../generated/routes.gen.js';
import type { RunEventDoc } from '../../generated/types/types.gen.js';
import { requirePrincipal, type HandlerContext } from '../handler-context.js';
import { ProblemError } from '../problem.js';

/** `readTestRunEvents`. */
export const testingHandlers: Pick<HandlerMap<HandlerContext>, 'readTestRunEvents'> = {
  async readTestRunEvents(input, context) {
    if (!context.testSeams) throw new ProblemError(404, 'not_found', 'test seams are disabled on this host');
    const principal = requirePrincipal(context);
    if (!principal.isTest) throw new ProblemError(403, 'forbidden', 'test seams need a test API key');
    const caller = { tenant: principal.tenant, isTest: true, keyId: principal.keyId };
    const { type, nodeId, causationId } = input.query;
    const events = (await context.services.runs.readLog(caller, input.path.runId)).filter(
      (event) =>
        (type === undefined || event.type === type) &&
        (nodeId === undefined || event.nodeId === nodeId) &&
        (causationId === undefined || event.causationId === causationId),
    );
    return { status: 200, body: { events: events as RunEventDoc[] } };
  },
};
