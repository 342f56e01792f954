/** Types that tie each generated operation to its handler's input and result. */
import type { ServerResponse } from 'node:http';

/**
 * The generated request data (`…Data`) and responses (`…Responses`) of one operation, and whether it may answer
 * with a stream of server-sent events.
 */
export interface OperationShape<Data, Responses, Streams extends boolean = false> {
  data: Data;
  responses: Responses;
  streams: Streams;
}

type Part<Data, Key extends string> = Data extends { [K in Key]?: infer Value } ? Exclude<Value, undefined> : never;

/** What a handler receives: the request's path, query, headers and body, already validated against the contract. */
export interface HandlerInput<Data> {
  path: Part<Data, 'path'>;
  query: Partial<Part<Data, 'query'>>;
  headers: Partial<Part<Data, 'headers'>>;
  body: Part<Data, 'body'>;
}

/** What a handler returns: one of the operation's success statuses with its body and optional extra headers. */
export type HandlerResult<Responses> = {
  [Status in keyof Responses & number]: {
    status: Status;
    body: Responses[Status];
    headers?: Record<string, string>;
  };
}[keyof Responses & number];

/**
 * A streamed answer (server-sent events): the app sends `status` and `headers`, then hands the raw response to
 * `stream`, which writes until it resolves. Errors must be thrown before the handler returns it.
 */
export interface StreamingResult {
  status: 200;
  headers: Record<string, string>;
  stream(res: ServerResponse): Promise<void>;
}

/** A handler for one operation. Errors leave by throwing (see `problem.ts`). */
export type Handler<Shape, Context> =
  Shape extends OperationShape<infer Data, infer Responses, infer Streams>
    ? (
        input: HandlerInput<Data>,
        context: Context,
      ) => Promise<HandlerResult<Responses> | (Streams extends true ? StreamingResult : never)>
    : never;
