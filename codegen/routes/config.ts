/** Settings of the host route-table generator. */

/** Output file of the route table. */
export const routesOutputFile = 'host/src/generated/routes.gen.ts';

/** Module (relative to the output file) exporting the hey-api types of the host. */
export const typesModule = './types/types.gen.js';

/** Module (relative to the output file) exporting the hand-written handler helper types. */
export const handlerTypesModule = '../http/handler-types.js';
