/** Operations whose issue has not landed yet answer `501 not_implemented` (listed in the README status table). */
import type { HandlerMap, OperationId } from '../../generated/routes.gen.js';
import type { HandlerContext } from '../handler-context.js';
import { ProblemError } from '../problem.js';

/** The operations not implemented yet. */
export const NOT_IMPLEMENTED = ['getArtifact'] as const satisfies readonly OperationId[];

type NotImplementedId = (typeof NOT_IMPLEMENTED)[number];

/** A handler per not-yet-implemented operation that answers 501 with the operationId in `details`. */
export const notImplementedHandlers = Object.fromEntries(
  NOT_IMPLEMENTED.map((operationId) => [
    operationId,
    async () => {
      throw new ProblemError(501, 'not_implemented', `${operationId} is not implemented by this host yet`, {
        operationId,
      });
    },
  ]),
) as unknown as Pick<HandlerMap<HandlerContext>, NotImplementedId>;
