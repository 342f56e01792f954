/** Settings of the MSW mock generator. */

/** Output file of the operation example table the mocks serve. */
export const mswOutputFile = 'sdk-ts/src/mocks/operations.gen.ts';
