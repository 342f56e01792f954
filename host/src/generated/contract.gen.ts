// Generated from openapi/openapi.yaml by codegen/contract. Do not edit.

/** The bundled OpenAPI 3.1 document: every external schema inlined under `components.schemas`. */
export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'wopkit — OpenWOP v1 host API',
    version: '0.1.0',
    summary: 'REST surface of the OpenWOP v1 wire protocol as served by wopkit.',
    description:
      "The REST surface of an OpenWOP v1 host: discovery, workflows, runs and their event log, interrupts, artifacts and webhooks. Operations tagged `wopkit-extension` are wopkit additions that do not collide with spec paths. Every error body is the `Problem` envelope. This document is the single source from which the SDK, the mocks and the host's routing are generated.",
    license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
  },
  servers: [{ url: 'http://127.0.0.1:3737', description: 'Local development host (`npm start`)' }],
  security: [{ bearerAuth: [] }],
  tags: [
    { name: 'discovery', description: "Public capability discovery and the host's own contract." },
    { name: 'workflows', description: 'Workflow definitions.' },
    { name: 'runs', description: 'Starting, reading, steering and observing runs.' },
    { name: 'interrupts', description: 'Resolving human-in-the-loop interrupts.' },
    { name: 'artifacts', description: 'Artifacts produced by runs.' },
    { name: 'webhooks', description: 'Signed webhook subscriptions.' },
    {
      name: 'testing',
      description:
        'Conformance test seams; answered only when the host runs with `WOPKIT_TEST_SEAMS=1` and only to test keys.',
    },
    { name: 'wopkit-extension', description: 'Operations wopkit adds beyond the OpenWOP v1 core surface.' },
  ],
  paths: {
    '/.well-known/openwop': {
      get: {
        operationId: 'getCapabilities',
        tags: ['discovery'],
        summary: "Read the host's capability discovery document.",
        description: 'Public. Lists the protocol version, limits and every capability family the host actually serves.',
        security: [],
        responses: {
          '200': {
            description: 'The discovery document.',
            headers: {
              'Cache-Control': { description: 'Caching policy of the discovery document.', schema: { type: 'string' } },
            },
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Capabilities' },
                examples: { default: { $ref: '#/components/examples/Capabilities' } },
              },
            },
          },
          '503': { $ref: '#/components/responses/ServiceUnavailable' },
        },
      },
    },
    '/v1/openapi.json': {
      get: {
        operationId: 'getOpenApiSpec',
        tags: ['discovery'],
        summary: "Read this host's OpenAPI 3.1 document.",
        description: 'Public. The contract this host serves, as JSON.',
        security: [],
        responses: {
          '200': {
            description: 'The OpenAPI document.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/OpenApiDocument' },
                examples: {
                  default: {
                    value: {
                      openapi: '3.1.0',
                      info: { title: 'wopkit — OpenWOP v1 host API', version: '0.1.0' },
                      paths: {},
                    },
                  },
                },
              },
            },
          },
          '503': { $ref: '#/components/responses/ServiceUnavailable' },
        },
      },
    },
    '/v1/workflows': {
      post: {
        operationId: 'registerWorkflow',
        tags: ['workflows', 'wopkit-extension'],
        summary: 'Register a workflow definition (wopkit extension).',
        description:
          'Validates and stores a definition under its `id`. Registering a definition that differs from the latest stored one creates a new revision (`201`); registering an identical one returns the existing revision (`200`). Runs pin the revision they started on. Requires scope `workflows:write`.',
        security: [{ bearerAuth: ['workflows:write'] }],
        parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/WorkflowDefinition' },
              examples: { default: { $ref: '#/components/examples/WorkflowDefinition' } },
            },
          },
        },
        responses: {
          '200': {
            description: 'The identical definition was already the latest revision.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/RegisteredWorkflow' },
                examples: { default: { $ref: '#/components/examples/RegisteredWorkflow' } },
              },
            },
          },
          '201': {
            description: 'A new revision was stored.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/RegisteredWorkflow' },
                examples: { default: { $ref: '#/components/examples/RegisteredWorkflow' } },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
        },
      },
      get: {
        operationId: 'listWorkflows',
        tags: ['workflows', 'wopkit-extension'],
        summary: 'List workflows visible to the caller (wopkit extension).',
        description:
          'Cursor-paginated, newest registration first; each item describes the latest revision. Requires scope `manifest:read`.',
        security: [{ bearerAuth: ['manifest:read'] }],
        parameters: [{ $ref: '#/components/parameters/Limit' }, { $ref: '#/components/parameters/Cursor' }],
        responses: {
          '200': {
            description: 'One page of workflows.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/WorkflowList' },
                examples: { default: { $ref: '#/components/examples/WorkflowList' } },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
        },
      },
    },
    '/v1/workflows/{workflowId}': {
      get: {
        operationId: 'getWorkflow',
        tags: ['workflows'],
        summary: 'Read a workflow definition.',
        description:
          'Returns the latest revision of the definition, including `configurableSchema` when declared. Requires scope `manifest:read`.',
        security: [{ bearerAuth: ['manifest:read'] }],
        parameters: [{ $ref: '#/components/parameters/WorkflowId' }],
        responses: {
          '200': {
            description: 'The workflow definition.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/WorkflowDefinition' },
                examples: { default: { $ref: '#/components/examples/WorkflowDefinition' } },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
        },
      },
    },
    '/v1/runs': {
      post: {
        operationId: 'createRun',
        tags: ['runs'],
        summary: 'Start a run of a workflow.',
        description:
          'Starts a run with `inputs` and the run-options overlay (`configurable`, `tags`, `metadata`) at the top level. An unknown `workflowId` is `400 validation_error`. Honours `Idempotency-Key`. Requires scope `runs:create`.',
        security: [{ bearerAuth: ['runs:create'] }],
        parameters: [
          { $ref: '#/components/parameters/IdempotencyKey' },
          {
            name: 'X-Dedup',
            in: 'header',
            required: false,
            description: '`enforce` rejects a second active run for the same `scopeId`.',
            schema: { type: 'string', enum: ['enforce'] },
          },
          {
            name: 'X-Force-Engine-Version',
            in: 'header',
            required: false,
            description:
              'Test keys only; makes the run emit as an older engine within `testing.forceEngineVersionRange`.',
            schema: { type: 'string', pattern: '^[0-9]{1,9}$' },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/CreateRunParams' },
              examples: {
                default: {
                  value: {
                    workflowId: 'ticket-triage',
                    inputs: { ticketId: 'T-1009' },
                    configurable: { recursionLimit: 40 },
                    tags: ['env:staging'],
                    metadata: { submittedBy: 'support-portal' },
                  },
                },
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The run was accepted.',
            headers: { 'openwop-Idempotent-Replay': { $ref: '#/components/headers/IdempotentReplay' } },
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/RunAccepted' },
                examples: {
                  default: {
                    value: {
                      runId: 'run_01JD7Y8Q2M',
                      status: 'pending',
                      eventsUrl: 'http://127.0.0.1:3737/v1/runs/run_01JD7Y8Q2M/events',
                      statusUrl: 'http://127.0.0.1:3737/v1/runs/run_01JD7Y8Q2M',
                    },
                  },
                },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '409': { $ref: '#/components/responses/Conflict' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '429': { $ref: '#/components/responses/TooManyRequests' },
          '501': { $ref: '#/components/responses/NotImplemented' },
        },
      },
      get: {
        operationId: 'listRuns',
        tags: ['runs', 'wopkit-extension'],
        summary: 'List runs visible to the caller (wopkit extension).',
        description:
          'Cursor-paginated, newest first, filterable by status, workflow and tag. Requires scope `runs:read`.',
        security: [{ bearerAuth: ['runs:read'] }],
        parameters: [
          {
            name: 'status',
            in: 'query',
            required: false,
            description: 'Only runs in this status.',
            schema: { $ref: '#/components/schemas/RunStatus' },
          },
          {
            name: 'workflowId',
            in: 'query',
            required: false,
            description: 'Only runs of this workflow.',
            schema: { type: 'string', minLength: 1, maxLength: 128 },
          },
          {
            name: 'tag',
            in: 'query',
            required: false,
            description: 'Only runs carrying this tag.',
            schema: { type: 'string', minLength: 1, maxLength: 256 },
          },
          { $ref: '#/components/parameters/Limit' },
          { $ref: '#/components/parameters/Cursor' },
        ],
        responses: {
          '200': {
            description: 'One page of runs.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/RunList' },
                examples: {
                  default: {
                    value: {
                      items: [
                        {
                          runId: 'run_01JD7Y8Q2M',
                          workflowId: 'ticket-triage',
                          status: 'completed',
                          startedAt: '2026-11-24T10:00:00.000Z',
                          completedAt: '2026-11-24T10:00:02.210Z',
                        },
                      ],
                      nextCursor: null,
                    },
                  },
                },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '501': { $ref: '#/components/responses/NotImplemented' },
        },
      },
    },
    '/v1/runs:bulk-cancel': {
      post: {
        operationId: 'bulkCancelRuns',
        tags: ['runs'],
        summary: 'Cancel up to 100 runs at once.',
        description:
          'Answers `200` with one result per id, in request order, even when every id failed. Requires scope `runs:cancel`.',
        security: [{ bearerAuth: ['runs:cancel'] }],
        parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/BulkCancelParams' },
              examples: { default: { value: { runIds: ['run_01JD7Y8Q2M', 'run_missing'], reason: 'cleanup' } } },
            },
          },
        },
        responses: {
          '200': {
            description: 'Per-id results.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/BulkCancelResults' },
                examples: {
                  default: {
                    value: {
                      results: [
                        { runId: 'run_01JD7Y8Q2M', ok: true, status: 'cancelled' },
                        {
                          runId: 'run_missing',
                          ok: false,
                          error: { error: 'not_found', code: 'not_found', message: 'run "run_missing" was not found' },
                        },
                      ],
                    },
                  },
                },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '501': { $ref: '#/components/responses/NotImplemented' },
        },
      },
    },
    '/v1/runs/{runId}': {
      get: {
        operationId: 'getRun',
        tags: ['runs'],
        summary: "Read a run's current state.",
        description: "The `RunSnapshot` projected from the run's event log. Requires scope `runs:read`.",
        security: [{ bearerAuth: ['runs:read'] }],
        parameters: [{ $ref: '#/components/parameters/RunId' }],
        responses: {
          '200': {
            description: 'The run snapshot.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/RunSnapshot' },
                examples: { default: { $ref: '#/components/examples/RunSnapshot' } },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '501': { $ref: '#/components/responses/NotImplemented' },
        },
      },
    },
    '/v1/runs/{runId}/cancel': {
      post: {
        operationId: 'cancelRun',
        tags: ['runs'],
        summary: 'Cancel a run.',
        description:
          'Cancels an in-flight run. Answers `cancelled` when done or `cancelling` while a cascade is still running; cancelling an already cancelled run answers its current status; a completed or failed run is `409 run_terminal`. Requires scope `runs:cancel`.',
        security: [{ bearerAuth: ['runs:cancel'] }],
        parameters: [{ $ref: '#/components/parameters/RunId' }, { $ref: '#/components/parameters/IdempotencyKey' }],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/CancelRunParams' },
              examples: { default: { value: { reason: 'no longer needed' } } },
            },
          },
        },
        responses: {
          '200': {
            description: 'The cancel was accepted.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/CancelRunResult' },
                examples: { default: { value: { runId: 'run_01JD7Y8Q2M', status: 'cancelled' } } },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '409': { $ref: '#/components/responses/Conflict' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '501': { $ref: '#/components/responses/NotImplemented' },
        },
      },
    },
    '/v1/runs/{runId}:pause': {
      post: {
        operationId: 'pauseRun',
        tags: ['runs'],
        summary: 'Pause a run (operator pause).',
        description:
          'Pauses a running or waiting run; `run.paused` is emitted when the pause takes effect. An already paused or finished run is `409` with `details.runStatus`. Requires scope `runs:cancel`.',
        security: [{ bearerAuth: ['runs:cancel'] }],
        parameters: [{ $ref: '#/components/parameters/RunId' }, { $ref: '#/components/parameters/IdempotencyKey' }],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/PauseRunParams' },
              examples: { default: { value: { reason: 'maintenance window', drainPolicy: 'drain-current-node' } } },
            },
          },
        },
        responses: {
          '202': {
            description: 'The pause was accepted.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/PauseRunResult' },
                examples: {
                  default: {
                    value: { runId: 'run_01JD7Y8Q2M', status: 'paused', pausedAt: '2026-11-24T10:00:01.000Z' },
                  },
                },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '409': { $ref: '#/components/responses/Conflict' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '501': { $ref: '#/components/responses/NotImplemented' },
        },
      },
    },
    '/v1/runs/{runId}:resume': {
      post: {
        operationId: 'resumeRun',
        tags: ['runs'],
        summary: 'Resume a paused run.',
        description:
          'Resumes a run paused with `pauseRun`; a run that is not paused is `409` with `details.runStatus`. Requires scope `runs:cancel`.',
        security: [{ bearerAuth: ['runs:cancel'] }],
        parameters: [{ $ref: '#/components/parameters/RunId' }, { $ref: '#/components/parameters/IdempotencyKey' }],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/ResumeRunParams' },
              examples: { default: { value: { reason: 'maintenance over' } } },
            },
          },
        },
        responses: {
          '202': {
            description: 'The resume was accepted.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/ResumeRunResult' },
                examples: {
                  default: {
                    value: { runId: 'run_01JD7Y8Q2M', status: 'running', resumedAt: '2026-11-24T10:05:00.000Z' },
                  },
                },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '409': { $ref: '#/components/responses/Conflict' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '501': { $ref: '#/components/responses/NotImplemented' },
        },
      },
    },
    '/v1/runs/{runId}:fork': {
      post: {
        operationId: 'forkRun',
        tags: ['runs'],
        summary: 'Fork a run by replay or branch from a sequence.',
        description:
          "Starts a child run whose log copies the source's events below `fromSeq`; `replay` reuses recorded outcomes, `branch` re-executes with the overlay. Requires scopes `runs:create` and `runs:read`.",
        security: [{ bearerAuth: ['runs:create', 'runs:read'] }],
        parameters: [{ $ref: '#/components/parameters/RunId' }, { $ref: '#/components/parameters/IdempotencyKey' }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/ForkRunParams' },
              examples: {
                default: {
                  value: {
                    mode: 'branch',
                    fromSeq: 7,
                    runOptionsOverlay: { configurable: { temperature: 0.2 }, tags: ['what-if:accept-instead'] },
                  },
                },
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The fork was created.',
            headers: { 'openwop-Idempotent-Replay': { $ref: '#/components/headers/IdempotentReplay' } },
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/ForkRunResult' },
                examples: {
                  default: {
                    value: {
                      runId: 'run_01JD7ZF0RK',
                      sourceRunId: 'run_01JD7Y8Q2M',
                      fromSeq: 7,
                      mode: 'branch',
                      status: 'pending',
                      eventsUrl: 'http://127.0.0.1:3737/v1/runs/run_01JD7ZF0RK/events',
                    },
                  },
                },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '409': { $ref: '#/components/responses/Conflict' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '422': { $ref: '#/components/responses/Unprocessable' },
          '501': { $ref: '#/components/responses/NotImplemented' },
        },
      },
    },
    '/v1/runs/{runId}/events': {
      get: {
        operationId: 'streamRunEvents',
        tags: ['runs'],
        summary: "Stream a run's events over SSE.",
        description:
          'Server-sent events in the requested stream modes (default `updates`), resumable with `Last-Event-ID` (the decimal `sequence` of the last event received); the stream closes after the terminal event. With `Accept: application/json` (and not `text/event-stream`) the log is answered as one JSON document. Frames are documented in `asyncapi.yaml`. Requires scope `runs:read`.',
        security: [{ bearerAuth: ['runs:read'] }],
        parameters: [
          { $ref: '#/components/parameters/RunId' },
          {
            name: 'streamMode',
            in: 'query',
            required: false,
            description: 'One mode or a comma list; `values` cannot be combined with another mode.',
            schema: { type: 'string', default: 'updates', maxLength: 64 },
          },
          {
            name: 'bufferMs',
            in: 'query',
            required: false,
            description: 'Batching window in milliseconds (`0` = off); values above 5000 are rejected.',
            schema: { type: 'integer', minimum: 0, maximum: 5000 },
          },
          {
            name: 'Last-Event-ID',
            in: 'header',
            required: false,
            description: 'Resume after this sequence.',
            schema: { type: 'string', maxLength: 128 },
          },
        ],
        responses: {
          '200': {
            description: 'The event stream (or the event log as JSON when asked for).',
            content: {
              'text/event-stream': {
                schema: { type: 'string', description: 'SSE frames: `id:` sequence, `event:` type, `data:` JSON.' },
                examples: {
                  default: {
                    value:
                      'id: 0\nevent: run.started\ndata: {"eventId":"evt_01JD7Y8Q3A","runId":"run_01JD7Y8Q2M","type":"run.started","payload":{"workflowId":"ticket-triage"},"timestamp":"2026-11-24T10:00:00.000Z","sequence":0,"schemaVersion":1}\n\n',
                  },
                },
              },
              'application/json': {
                schema: { $ref: '#/components/schemas/RunEventList' },
                examples: { default: { $ref: '#/components/examples/RunEventList' } },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '429': { $ref: '#/components/responses/TooManyRequests' },
          '501': { $ref: '#/components/responses/NotImplemented' },
        },
      },
    },
    '/v1/runs/{runId}/events/poll': {
      get: {
        operationId: 'pollRunEvents',
        tags: ['runs'],
        summary: "Long-poll a run's events.",
        description:
          'Returns events with `sequence` greater than `lastSequence` (all events when omitted), waiting up to `timeout` seconds for new ones. Requires scope `runs:read`.',
        security: [{ bearerAuth: ['runs:read'] }],
        parameters: [
          { $ref: '#/components/parameters/RunId' },
          {
            name: 'lastSequence',
            in: 'query',
            required: false,
            description: 'Sequence of the last event the caller already has.',
            schema: { type: 'integer', minimum: 0 },
          },
          {
            name: 'timeout',
            in: 'query',
            required: false,
            description: 'Seconds to wait for new events.',
            schema: { type: 'integer', minimum: 1, maximum: 60, default: 30 },
          },
        ],
        responses: {
          '200': {
            description: 'New events, possibly none.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/RunEventPage' },
                examples: {
                  default: {
                    value: {
                      events: [
                        {
                          eventId: 'evt_01JD7Y8Q3A',
                          runId: 'run_01JD7Y8Q2M',
                          type: 'run.started',
                          payload: { workflowId: 'ticket-triage' },
                          timestamp: '2026-11-24T10:00:00.000Z',
                          sequence: 0,
                          schemaVersion: 1,
                        },
                      ],
                      isComplete: false,
                    },
                  },
                },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '501': { $ref: '#/components/responses/NotImplemented' },
        },
      },
    },
    '/v1/runs/{runId}/interrupts/{nodeId}': {
      post: {
        operationId: 'resolveInterruptByRun',
        tags: ['interrupts'],
        summary: "Resolve a run's pending interrupt at a node.",
        description:
          'Delivers `resumeValue` to the node suspended at `nodeId`; exactly one of several concurrent resolves wins. Requires scope `approvals:respond`.',
        security: [{ bearerAuth: ['approvals:respond'] }],
        parameters: [
          { $ref: '#/components/parameters/RunId' },
          {
            name: 'nodeId',
            in: 'path',
            required: true,
            description: 'Node holding the interrupt.',
            schema: { type: 'string', minLength: 1 },
          },
          { $ref: '#/components/parameters/IdempotencyKey' },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/ResolveInterruptParams' },
              examples: { default: { value: { resumeValue: { action: 'accept' } } } },
            },
          },
        },
        responses: {
          '200': {
            description: 'The interrupt was resolved.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/ResolveInterruptResult' },
                examples: { default: { value: { runId: 'run_01JD7Y8Q2M', nodeId: 'review', status: 'running' } } },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '409': { $ref: '#/components/responses/Conflict' },
          '410': { $ref: '#/components/responses/Gone' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '422': { $ref: '#/components/responses/Unprocessable' },
          '501': { $ref: '#/components/responses/NotImplemented' },
        },
      },
    },
    '/v1/interrupts/{token}': {
      get: {
        operationId: 'inspectInterruptByToken',
        tags: ['interrupts'],
        summary: 'Inspect an interrupt through its signed token.',
        description: 'The token in the path is the credential; no API key is needed.',
        security: [],
        parameters: [{ $ref: '#/components/parameters/InterruptToken' }],
        responses: {
          '200': {
            description: 'The pending interrupt.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/InterruptView' },
                examples: { default: { $ref: '#/components/examples/InterruptView' } },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '404': { $ref: '#/components/responses/NotFound' },
          '409': { $ref: '#/components/responses/Conflict' },
          '410': { $ref: '#/components/responses/Gone' },
          '501': { $ref: '#/components/responses/NotImplemented' },
        },
      },
      post: {
        operationId: 'resolveInterruptByToken',
        tags: ['interrupts'],
        summary: 'Resolve an interrupt through its signed token.',
        description:
          'The token in the path is the credential; a token is single-use and an inspect-only token cannot resolve (`403`). The token is checked before the body, so an unknown token answers `404` whatever the body holds.',
        security: [],
        parameters: [
          { $ref: '#/components/parameters/InterruptToken' },
          { $ref: '#/components/parameters/IdempotencyKey' },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/ResolveInterruptByTokenParams' },
              examples: { default: { value: { resumeValue: { action: 'accept' } } } },
            },
          },
        },
        responses: {
          '200': {
            description: 'The interrupt was resolved.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/ResolveInterruptResult' },
                examples: { default: { value: { runId: 'run_01JD7Y8Q2M', nodeId: 'review', status: 'running' } } },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '409': { $ref: '#/components/responses/Conflict' },
          '410': { $ref: '#/components/responses/Gone' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '422': { $ref: '#/components/responses/Unprocessable' },
          '501': { $ref: '#/components/responses/NotImplemented' },
        },
      },
    },
    '/v1/runs/{runId}/artifacts/{artifactId}': {
      get: {
        operationId: 'getArtifact',
        tags: ['artifacts'],
        summary: 'Read an artifact produced by a run.',
        description: 'Requires scope `artifacts:read`.',
        security: [{ bearerAuth: ['artifacts:read'] }],
        parameters: [
          { $ref: '#/components/parameters/RunId' },
          {
            name: 'artifactId',
            in: 'path',
            required: true,
            description: 'Artifact id.',
            schema: { type: 'string', minLength: 1, maxLength: 128 },
          },
        ],
        responses: {
          '200': {
            description: 'The artifact.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Artifact' },
                examples: {
                  default: {
                    value: {
                      artifactId: 'art_01JD7Y9A1B',
                      runId: 'run_01JD7Y8Q2M',
                      artifactType: 'report',
                      nodeId: 'summarize',
                      version: 1,
                      data: { title: 'Weekly report' },
                    },
                  },
                },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '501': { $ref: '#/components/responses/NotImplemented' },
        },
      },
    },
    '/v1/host/sample/test/runs/{runId}/events': {
      get: {
        operationId: 'readTestRunEvents',
        tags: ['testing'],
        summary: "Read a run's durable event log (conformance test seam).",
        description:
          'The event-log read seam of the conformance suite: every persisted event of the run, optionally filtered. Answers `404` unless the host runs with `WOPKIT_TEST_SEAMS=1`, and `403` for production keys. Requires scope `runs:read`.',
        security: [{ bearerAuth: ['runs:read'] }],
        parameters: [
          { $ref: '#/components/parameters/RunId' },
          {
            name: 'type',
            in: 'query',
            required: false,
            description: 'Only events of this type.',
            schema: { type: 'string', maxLength: 128 },
          },
          {
            name: 'nodeId',
            in: 'query',
            required: false,
            description: 'Only events of this node.',
            schema: { type: 'string', maxLength: 256 },
          },
          {
            name: 'causationId',
            in: 'query',
            required: false,
            description: 'Only events caused by this event.',
            schema: { type: 'string', maxLength: 128 },
          },
          {
            name: 'correlationId',
            in: 'query',
            required: false,
            description: 'Accepted for compatibility; events carry no correlation id.',
            schema: { type: 'string', maxLength: 128 },
          },
        ],
        responses: {
          '200': {
            description: 'The matching events in sequence order.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/RunEventList' },
                examples: { default: { $ref: '#/components/examples/RunEventList' } },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
        },
      },
    },
    '/v1/webhooks': {
      post: {
        operationId: 'registerWebhook',
        tags: ['webhooks'],
        summary: 'Register a webhook subscription.',
        description:
          'Subscribes an `https` URL to run event types. The signing secret is generated by the host and returned once. Requires scope `webhooks:manage`.',
        security: [{ bearerAuth: ['webhooks:manage'] }],
        parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/RegisterWebhookParams' },
              examples: {
                default: {
                  value: {
                    url: 'https://hooks.example.com/openwop',
                    events: ['run.completed', 'run.failed'],
                    tags: ['env:prod'],
                  },
                },
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The subscription was created.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/RegisteredWebhook' },
                examples: {
                  default: {
                    value: {
                      webhookId: 'wh_01JD7YB7ZC',
                      secret: '9f2c4a1be0d3c5a7f6e8b9d0c1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4',
                      secretFingerprint: '1c0e6f2a',
                      signatureAlgorithm: 'v1',
                    },
                  },
                },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '501': { $ref: '#/components/responses/NotImplemented' },
        },
      },
      get: {
        operationId: 'listWebhooks',
        tags: ['webhooks', 'wopkit-extension'],
        summary: "List the caller's webhook subscriptions (wopkit extension).",
        description:
          "Cursor-paginated, newest first, in the caller's tenant only. Secrets are never shown, only their fingerprints. Requires scope `webhooks:manage`.",
        security: [{ bearerAuth: ['webhooks:manage'] }],
        parameters: [{ $ref: '#/components/parameters/Limit' }, { $ref: '#/components/parameters/Cursor' }],
        responses: {
          '200': {
            description: 'One page of subscriptions.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/WebhookList' },
                examples: { default: { $ref: '#/components/examples/WebhookList' } },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
        },
      },
    },
    '/v1/webhooks/{webhookId}': {
      delete: {
        operationId: 'unregisterWebhook',
        tags: ['webhooks'],
        summary: 'Remove a webhook subscription.',
        description: 'Deliveries stop immediately. Requires scope `webhooks:manage`.',
        security: [{ bearerAuth: ['webhooks:manage'] }],
        parameters: [
          {
            name: 'webhookId',
            in: 'path',
            required: true,
            description: 'Subscription id.',
            schema: { type: 'string', minLength: 1, maxLength: 128 },
          },
          {
            name: 'tenantId',
            in: 'query',
            required: false,
            description: "Workspace of the subscription; defaults to the API key's tenant.",
            schema: { type: 'string', minLength: 1, maxLength: 128 },
          },
          { $ref: '#/components/parameters/IdempotencyKey' },
        ],
        responses: {
          '204': { description: 'The subscription was removed.' },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '501': { $ref: '#/components/responses/NotImplemented' },
        },
      },
    },
    '/v1/webhooks/{webhookId}/rotate-secret': {
      post: {
        operationId: 'rotateWebhookSecret',
        tags: ['webhooks', 'wopkit-extension'],
        summary: "Rotate a webhook's signing secret (wopkit extension).",
        description:
          'Mints a new secret, returned once. Deliveries are signed with the new secret in `X-openwop-Signature`; until the overlap ends they also carry `X-Wopkit-Signature-Previous`, made with the previous secret, so receivers can switch secrets without losing a delivery. Requires scope `webhooks:manage`.',
        security: [{ bearerAuth: ['webhooks:manage'] }],
        parameters: [{ $ref: '#/components/parameters/WebhookId' }, { $ref: '#/components/parameters/IdempotencyKey' }],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/RotateWebhookSecretParams' },
              examples: { default: { value: { overlapSeconds: 86400 } } },
            },
          },
        },
        responses: {
          '200': {
            description: 'The new secret.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/RotatedWebhookSecret' },
                examples: {
                  default: {
                    value: {
                      webhookId: 'wh_01JD7YB7ZC',
                      secret: '4b1d0c3e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeeff001',
                      secretFingerprint: '7a3e91c0',
                      signatureAlgorithm: 'v1',
                      previousSecretExpiresAt: '2026-11-25T10:00:00.000Z',
                    },
                  },
                },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
        },
      },
    },
    '/v1/webhooks/{webhookId}/deliveries': {
      get: {
        operationId: 'listWebhookDeliveries',
        tags: ['webhooks', 'wopkit-extension'],
        summary: "List a webhook's deliveries, e.g. its dead letters (wopkit extension).",
        description:
          'Newest first. `status=dead` lists the dead letters: deliveries whose retry budget ran out. Requires scope `webhooks:manage`.',
        security: [{ bearerAuth: ['webhooks:manage'] }],
        parameters: [
          { $ref: '#/components/parameters/WebhookId' },
          {
            name: 'status',
            in: 'query',
            required: false,
            description: 'Only deliveries in this status.',
            schema: { type: 'string', enum: ['pending', 'delivered', 'dead'] },
          },
          { $ref: '#/components/parameters/Limit' },
          { $ref: '#/components/parameters/Cursor' },
        ],
        responses: {
          '200': {
            description: 'One page of deliveries.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/WebhookDeliveryList' },
                examples: { default: { $ref: '#/components/examples/WebhookDeliveryList' } },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
        },
      },
    },
    '/v1/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver': {
      post: {
        operationId: 'redeliverWebhookDelivery',
        tags: ['webhooks', 'wopkit-extension'],
        summary: 'Queue a delivery again (wopkit extension).',
        description:
          'Puts a delivery (typically a dead letter) back in the queue with a fresh retry budget and the same delivery id, so receivers still de-duplicate it. A subscription marked `failed` becomes `active` again, its circuit closed. Requires scope `webhooks:manage`.',
        security: [{ bearerAuth: ['webhooks:manage'] }],
        parameters: [
          { $ref: '#/components/parameters/WebhookId' },
          {
            name: 'deliveryId',
            in: 'path',
            required: true,
            description: 'Delivery id.',
            schema: { type: 'string', minLength: 1, maxLength: 300 },
          },
          { $ref: '#/components/parameters/IdempotencyKey' },
        ],
        responses: {
          '202': {
            description: 'The delivery is queued.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/WebhookDeliveryRecord' },
                examples: { default: { $ref: '#/components/examples/PendingWebhookDelivery' } },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
        },
      },
    },
  },
  components: {
    securitySchemes: {
      bearerAuth: {
        type: 'http',
        scheme: 'bearer',
        description:
          '`Authorization: Bearer <api-key>`. Each key is bound to one tenant and a set of scopes; the scopes an operation needs are listed in its security requirement.',
      },
    },
    parameters: {
      RunId: {
        name: 'runId',
        in: 'path',
        required: true,
        description: 'Run id.',
        schema: { type: 'string', minLength: 1, maxLength: 128 },
      },
      WorkflowId: {
        name: 'workflowId',
        in: 'path',
        required: true,
        description: 'Workflow id.',
        schema: { type: 'string', minLength: 1, maxLength: 128 },
      },
      InterruptToken: {
        name: 'token',
        in: 'path',
        required: true,
        description: 'Signed interrupt token.',
        schema: { type: 'string', minLength: 1, maxLength: 4096 },
      },
      IdempotencyKey: {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: 'Deduplicates retries of this mutation for at least 24 hours.',
        schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
      },
      WebhookId: {
        name: 'webhookId',
        in: 'path',
        required: true,
        description: 'Subscription id.',
        schema: { type: 'string', minLength: 1, maxLength: 128 },
      },
      Limit: {
        name: 'limit',
        in: 'query',
        required: false,
        description: 'Page size.',
        schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
      },
      Cursor: {
        name: 'cursor',
        in: 'query',
        required: false,
        description: "Opaque cursor from the previous page's `nextCursor`.",
        schema: { type: 'string', minLength: 1, maxLength: 512 },
      },
    },
    headers: {
      IdempotentReplay: {
        description: '`true` when the response was served from the idempotency cache.',
        schema: { type: 'string', enum: ['true'] },
      },
      RetryAfter: { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 0 } },
    },
    responses: {
      BadRequest: {
        description: 'The request is malformed or fails validation.',
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Problem' },
            examples: {
              default: {
                value: {
                  error: 'validation_error',
                  message: 'request validation failed: body.workflowId is required',
                  details: {
                    fields: [
                      { location: 'body', path: '/workflowId', message: "must have required property 'workflowId'" },
                    ],
                  },
                },
              },
            },
          },
        },
      },
      Unauthorized: {
        description: 'Missing, malformed or unknown API key.',
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Problem' },
            examples: {
              default: {
                value: { error: 'unauthenticated', message: 'a valid API key is required (Authorization Bearer)' },
              },
            },
          },
        },
      },
      Forbidden: {
        description: 'The API key lacks a scope this operation needs.',
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Problem' },
            examples: {
              default: {
                value: {
                  error: 'forbidden',
                  message: 'the API key lacks scope "runs:read"',
                  details: { scopeRequired: 'runs:read' },
                },
              },
            },
          },
        },
      },
      NotFound: {
        description: 'The resource does not exist or is not visible to the caller.',
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Problem' },
            examples: { default: { value: { error: 'not_found', message: 'run "run_01JD7Y8Q2M" was not found' } } },
          },
        },
      },
      Conflict: {
        description: "The request conflicts with the resource's current state or with an in-flight duplicate.",
        headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Problem' },
            examples: {
              default: {
                value: {
                  error: 'idempotency_key_mismatch',
                  message: 'the Idempotency-Key was already used with a different request',
                },
              },
            },
          },
        },
      },
      Gone: {
        description: 'The interrupt or token is no longer usable.',
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Problem' },
            examples: {
              default: { value: { error: 'interrupt_expired', message: 'the interrupt token has expired' } },
            },
          },
        },
      },
      PayloadTooLarge: {
        description: 'The request body exceeds `limits.maxRequestBodyBytes`.',
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Problem' },
            examples: {
              default: {
                value: {
                  error: 'payload_too_large',
                  message: 'the request body exceeds 1048576 bytes',
                  details: { maxRequestBodyBytes: 1048576 },
                },
              },
            },
          },
        },
      },
      UnsupportedMediaType: {
        description: 'The request body is not JSON.',
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Problem' },
            examples: {
              default: {
                value: {
                  error: 'unsupported_media_type',
                  message: 'request bodies must be application/json, not "text/plain"',
                },
              },
            },
          },
        },
      },
      Unprocessable: {
        description: 'The request is well formed but cannot be applied.',
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Problem' },
            examples: {
              default: {
                value: {
                  error: 'fork_point_invalid',
                  message: 'fromSeq 99 names no event of the source run',
                  details: { lastSequence: 12 },
                },
              },
            },
          },
        },
      },
      TooManyRequests: {
        description: 'Rate limited.',
        headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Problem' },
            examples: {
              default: {
                value: {
                  error: 'rate_limited',
                  message: 'too many requests',
                  details: { retryAfterMs: 1000, scope: 'key' },
                },
              },
            },
          },
        },
      },
      NotImplemented: {
        description: 'This host does not serve the operation yet.',
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Problem' },
            examples: {
              default: {
                value: {
                  error: 'not_implemented',
                  message: 'createRun is not implemented by this host yet',
                  details: { operationId: 'createRun' },
                },
              },
            },
          },
        },
      },
      ServiceUnavailable: {
        description: 'The host cannot serve the request right now.',
        headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Problem' },
            examples: {
              default: {
                value: {
                  error: 'unavailable',
                  message: 'the host is starting',
                  details: { correlationId: 'c0ffee00' },
                },
              },
            },
          },
        },
      },
    },
    examples: {
      WebhookList: {
        value: {
          items: [
            {
              webhookId: 'wh_01JD7YB7ZC',
              tenantId: 'acme',
              url: 'https://hooks.example.com/openwop',
              events: ['run.completed', 'run.failed'],
              tags: ['env:prod'],
              secretFingerprint: '1c0e6f2a',
              signatureAlgorithm: 'v1',
              state: 'active',
              createdAt: '2026-11-24T10:00:00.000Z',
            },
          ],
          nextCursor: null,
        },
      },
      WebhookDeliveryList: {
        value: {
          items: [
            {
              deliveryId: 'wh_01JD7YB7ZC.evt_01JD7YC2QH',
              webhookId: 'wh_01JD7YB7ZC',
              runId: 'run_01JD7YC1R4',
              sequence: 3,
              eventId: 'evt_01JD7YC2QH',
              eventType: 'run.completed',
              status: 'dead',
              attempts: 16,
              lastAttemptAt: '2026-11-24T18:31:00.000Z',
              lastStatusCode: 503,
              lastError: 'receiver answered 503',
              createdAt: '2026-11-24T10:05:00.000Z',
            },
          ],
          nextCursor: null,
        },
      },
      PendingWebhookDelivery: {
        value: {
          deliveryId: 'wh_01JD7YB7ZC.evt_01JD7YC2QH',
          webhookId: 'wh_01JD7YB7ZC',
          runId: 'run_01JD7YC1R4',
          sequence: 3,
          eventId: 'evt_01JD7YC2QH',
          eventType: 'run.completed',
          status: 'pending',
          attempts: 0,
          nextAttemptAt: '2026-11-24T18:40:00.000Z',
          createdAt: '2026-11-24T10:05:00.000Z',
        },
      },
      Capabilities: {
        value: {
          protocolVersion: '1.0',
          protocolVersions: ['1.0'],
          implementation: { name: 'wopkit', version: '0.1.0', vendor: 'wopkit' },
          engineVersion: 1,
          eventLogSchemaVersion: 2,
          minClientVersion: '1.0',
          supportedTransports: ['rest'],
          supportedEnvelopes: [],
          schemaVersions: {},
          limits: { clarificationRounds: 3, schemaRounds: 2, envelopesPerTurn: 5, maxRequestBodyBytes: 1048576 },
          idempotency: { supported: false },
        },
      },
      WorkflowDefinition: {
        value: {
          id: 'ticket-triage',
          name: 'Ticket triage',
          version: '1.0.0',
          description: 'Classify a support ticket and archive it.',
          nodes: [
            { id: 'intake', typeId: 'core.noop', name: 'Intake', position: { x: 0, y: 0 }, config: {}, inputs: {} },
            {
              id: 'archive',
              typeId: 'core.identity',
              name: 'Archive copy',
              position: { x: 200, y: 0 },
              config: {},
              inputs: { ticketId: { type: 'variable', variableName: 'ticketId' } },
            },
          ],
          edges: [{ id: 'e1', sourceNodeId: 'intake', targetNodeId: 'archive' }],
          triggers: [{ id: 'manual', type: 'manual' }],
          variables: [{ name: 'ticketId', type: 'string', required: true }],
          metadata: { tags: ['support'] },
          settings: { maxLoopbackIterations: 5 },
          configurableSchema: {
            type: 'object',
            properties: { recursionLimit: { type: 'integer', minimum: 1, maximum: 100 } },
            additionalProperties: false,
          },
        },
      },
      RegisteredWorkflow: {
        value: {
          workflowId: 'ticket-triage',
          version: '1.0.0',
          revision: 1,
          digest: '3b1f0c9d8e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c',
          registeredAt: '2026-11-24T09:59:00.000Z',
        },
      },
      WorkflowList: {
        value: {
          items: [
            {
              workflowId: 'ticket-triage',
              name: 'Ticket triage',
              version: '1.0.0',
              revision: 1,
              description: 'Classify a support ticket and archive it.',
              registeredAt: '2026-11-24T09:59:00.000Z',
            },
          ],
          nextCursor: null,
        },
      },
      RunSnapshot: {
        value: {
          runId: 'run_01JD7Y8Q2M',
          workflowId: 'ticket-triage',
          status: 'completed',
          owner: { tenant: 'default' },
          startedAt: '2026-11-24T10:00:00.000Z',
          completedAt: '2026-11-24T10:00:02.210Z',
          variables: { ticketId: 'T-1009' },
          engineVersion: '1',
          eventLogSchemaVersion: 2,
          tags: ['env:staging'],
          metadata: { submittedBy: 'support-portal' },
          configurable: { recursionLimit: 40 },
        },
      },
      RunEventList: {
        value: {
          events: [
            {
              eventId: 'evt_01JD7Y8Q3A',
              runId: 'run_01JD7Y8Q2M',
              type: 'run.started',
              payload: { workflowId: 'ticket-triage' },
              timestamp: '2026-11-24T10:00:00.000Z',
              sequence: 0,
              schemaVersion: 1,
              engineVersion: '1',
            },
            {
              eventId: 'evt_01JD7Y8Q3B',
              runId: 'run_01JD7Y8Q2M',
              type: 'run.completed',
              payload: { outputs: {}, durationMs: 2210 },
              timestamp: '2026-11-24T10:00:02.210Z',
              sequence: 1,
              schemaVersion: 1,
              engineVersion: '1',
              causationId: 'evt_01JD7Y8Q3A',
            },
          ],
        },
      },
      InterruptView: {
        value: {
          runId: 'run_01JD7Y8Q2M',
          nodeId: 'review',
          interruptId: 'int_01JD7YA0QX',
          kind: 'approval',
          key: 'review-1',
          data: { title: 'Route this ticket to finance?', actions: ['accept', 'reject'] },
          requestedAt: '2026-11-24T10:00:01.000Z',
          expiresAt: '2026-11-25T10:00:01.000Z',
          canResolve: true,
        },
      },
    },
    schemas: {
      Problem: {
        description:
          'The OpenWOP error envelope. Every non-2xx response body has exactly these top-level keys; all further context (field errors, retry hints, required scope, correlation id) lives under `details`.',
        type: 'object',
        additionalProperties: false,
        required: ['error', 'message'],
        properties: {
          error: {
            description:
              'Machine-readable error code in snake_case, e.g. `validation_error`, `not_found`, `unauthenticated`.',
            type: 'string',
            minLength: 1,
            pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$',
          },
          message: {
            description: 'Human-readable explanation. Never contains internals or secrets.',
            type: 'string',
            minLength: 1,
          },
          details: {
            description:
              'Structured context for the error (for example `fields` for validation errors, `scopeRequired` for 403, `retryAfterMs` for 429).',
            type: 'object',
            additionalProperties: true,
          },
        },
      },
      RunError: {
        description:
          'A run- or node-level failure as it appears inside `RunSnapshot.error` and failure event payloads (keyed by `code`, not `error`).',
        type: 'object',
        additionalProperties: false,
        required: ['code', 'message'],
        properties: {
          code: {
            description:
              'Machine-readable failure code, e.g. `node_failed`, `recursion_limit_exceeded`, `run_timeout`.',
            type: 'string',
            minLength: 1,
          },
          message: { description: 'Human-readable explanation of the failure.', type: 'string' },
          details: { description: 'Structured context for the failure.', type: 'object', additionalProperties: true },
          retryable: { description: 'Whether retrying the same work could succeed.', type: 'boolean' },
        },
      },
      RunStatus: {
        description:
          'Lifecycle status of a run. `completed`, `failed` and `cancelled` are terminal; readers must tolerate values added later.',
        type: 'string',
        enum: [
          'pending',
          'running',
          'paused',
          'waiting-approval',
          'waiting-input',
          'waiting-external',
          'completed',
          'failed',
          'cancelling',
          'cancelled',
        ],
      },
      Capabilities: {
        description:
          'The discovery document served at `/.well-known/openwop`. Every capability family is a root property; clients tolerate absent optional fields and unknown extra fields.',
        type: 'object',
        additionalProperties: true,
        required: ['protocolVersion', 'supportedEnvelopes', 'schemaVersions', 'limits'],
        properties: {
          protocolVersion: {
            description: 'Highest protocol version spoken, as `<major>.<minor>`.',
            type: 'string',
            pattern: '^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$',
          },
          protocolVersions: {
            description: 'Every protocol version served, newest first; includes `protocolVersion`.',
            type: 'array',
            items: { type: 'string', pattern: '^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$' },
          },
          implementation: {
            description: 'Which server this is.',
            type: 'object',
            required: ['name', 'version'],
            properties: {
              name: { description: 'Implementation name.', type: 'string' },
              version: { description: 'Implementation version.', type: 'string' },
              vendor: { description: 'Vendor.', type: 'string' },
            },
          },
          engineVersion: {
            description: 'The engine version stamped on new runs (integer here; a decimal string on runs).',
            type: 'integer',
            minimum: 0,
          },
          eventLogSchemaVersion: {
            description: 'Event log contract version (`2` for v1).',
            type: 'integer',
            minimum: 0,
          },
          minClientVersion: { description: 'Oldest client version served.', type: 'string' },
          supportedTransports: {
            description: 'Transports served; REST is always served.',
            type: 'array',
            items: { type: 'string', enum: ['rest', 'mcp', 'a2a', 'grpc'] },
          },
          supportedEnvelopes: {
            description: 'AI envelope types the engine understands.',
            type: 'array',
            items: { type: 'string' },
          },
          schemaVersions: {
            description: 'Active schema version per envelope type.',
            type: 'object',
            additionalProperties: { type: 'integer', minimum: 0 },
          },
          limits: {
            description: 'Hard limits the host enforces.',
            type: 'object',
            additionalProperties: false,
            required: ['clarificationRounds', 'schemaRounds', 'envelopesPerTurn'],
            properties: {
              clarificationRounds: { description: 'Clarification rounds per node.', type: 'integer', minimum: 0 },
              schemaRounds: { description: 'Schema repair rounds per node.', type: 'integer', minimum: 0 },
              envelopesPerTurn: { description: 'Envelopes per turn.', type: 'integer', minimum: 0 },
              maxNodeExecutions: {
                description: 'Ceiling for `configurable.recursionLimit`.',
                type: 'integer',
                minimum: 1,
              },
              maxRunDurationMs: {
                description: 'Ceiling for `configurable.runTimeoutMs`.',
                type: 'integer',
                minimum: 1000,
              },
              maxLoopIterations: { description: 'Ceiling for agent loops.', type: 'integer', minimum: 1 },
              maxBudgetTokens: { description: 'Token budget ceiling.', type: 'integer', minimum: 1 },
              maxBudgetCostUsd: { description: 'Cost budget ceiling.', type: 'number', minimum: 0 },
              maxRequestBodyBytes: {
                description: 'Largest accepted request body; larger bodies get 413.',
                type: 'integer',
                minimum: 1,
              },
            },
          },
          configurable: {
            description: 'Accepted `RunOptions.configurable` keys.',
            type: 'object',
            additionalProperties: {
              type: 'object',
              required: ['type'],
              properties: {
                type: { description: 'Value type.', type: 'string' },
                min: { description: 'Smallest value.', type: 'number' },
                max: { description: 'Largest value.', type: 'number' },
                description: { description: 'What the key does.', type: 'string' },
              },
            },
          },
          runtimeCapabilities: {
            description: 'Capability ids node types may require.',
            type: 'array',
            uniqueItems: true,
            items: { type: 'string' },
          },
          fixtures: {
            description: 'Seeded conformance workflow ids that fully work on this host.',
            type: 'array',
            items: { type: 'string', minLength: 1 },
          },
          replay: {
            description: 'Fork and replay support.',
            type: 'object',
            required: ['supported'],
            properties: {
              supported: { description: 'Whether `forkRun` is served.', type: 'boolean' },
              modes: {
                description: 'Supported fork modes.',
                type: 'array',
                items: { type: 'string', enum: ['replay', 'branch'] },
              },
              sideEffectSuppression: {
                description:
                  '`recorded-outcome`: a replay fork never runs a side-effecting node again; absent means `none`.',
                type: 'string',
                enum: ['recorded-outcome', 'none'],
              },
            },
          },
          webhooks: {
            description: 'Webhook support.',
            type: 'object',
            required: ['supported'],
            properties: {
              supported: { description: 'Whether `/v1/webhooks` is served.', type: 'boolean' },
              durable: { description: 'Whether deliveries are durable (outbox + retries).', type: 'boolean' },
              signatureAlgorithms: {
                description: 'Signature algorithms used.',
                type: 'array',
                items: { type: 'string' },
              },
            },
          },
          idempotency: {
            description: 'The idempotency contract.',
            type: 'object',
            required: ['supported'],
            properties: {
              supported: { description: 'Whether `Idempotency-Key` is honoured.', type: 'boolean' },
              layer1RetentionSeconds: {
                description: 'How long HTTP-level keys are kept.',
                type: 'integer',
                minimum: 0,
              },
              layer2RetentionSeconds: {
                description: 'How long engine-level keys are kept.',
                type: 'integer',
                minimum: 0,
              },
              crossRegion: { description: 'Cross-region guarantee.', type: 'string' },
            },
          },
          testing: {
            description: 'Test-key features; present only when enabled on the host.',
            type: 'object',
            properties: {
              mockProviders: {
                description: 'Mock AI providers test keys may select.',
                type: 'array',
                items: { type: 'string' },
              },
              testKeyPrefix: { description: 'Prefix that marks test API keys.', type: 'string' },
              forceEngineVersionRange: {
                description: 'Engine versions a test key may force with `X-Force-Engine-Version`.',
                type: 'object',
                required: ['min', 'max'],
                properties: {
                  min: { description: 'Oldest forceable version.', type: 'integer', minimum: 0 },
                  max: { description: 'Newest forceable version.', type: 'integer', minimum: 0 },
                },
              },
            },
          },
          observability: { description: 'OpenTelemetry hints.', type: 'object', additionalProperties: true },
          contractProvenance: {
            description: 'Which spec revision the host tracks.',
            type: 'object',
            properties: {
              suiteVersion: { description: 'Conformance suite version.', type: 'string' },
              corpusCommit: { description: 'Spec repository commit.', type: 'string', pattern: '^[0-9a-f]{40}$' },
            },
          },
        },
      },
      WorkflowDefinition: {
        description:
          'A declarative OpenWOP workflow: typed nodes wired by edges, with triggers, variables, settings, metadata and optional typed state channels. Served verbatim by `getWorkflow`.',
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'version', 'nodes', 'edges', 'triggers', 'variables', 'metadata', 'settings'],
        properties: {
          id: {
            description: 'The workflow id clients pass as `workflowId`. Lowercase, no dots.',
            type: 'string',
            minLength: 1,
            maxLength: 128,
            pattern: '^[a-z][a-z0-9_-]*$',
          },
          name: { description: 'Display name.', type: 'string', minLength: 1, maxLength: 256 },
          version: {
            description: 'Free-form workflow version chosen by the author (unrelated to engine or schema versions).',
            type: 'string',
            minLength: 1,
          },
          description: { description: 'What the workflow does.', type: 'string' },
          type: { description: 'Category used for filtering.', type: 'string' },
          isActive: { description: 'Whether the workflow may be started.', type: 'boolean' },
          status: {
            description: 'Authoring status of the definition.',
            type: 'string',
            enum: ['active', 'inactive', 'draft', 'archived'],
          },
          tenantId: {
            description: 'Neutral tenant scoping hint (the host scopes by API key regardless).',
            type: 'string',
          },
          scopeId: { description: 'Opaque correlation id.', type: 'string' },
          slug: { description: 'URL-friendly alias.', type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' },
          nodes: {
            description: 'The nodes of the graph; node ids are unique within the workflow.',
            type: 'array',
            minItems: 1,
            items: { $ref: '#/components/schemas/WorkflowNode' },
          },
          edges: {
            description: 'Directed edges between nodes.',
            type: 'array',
            items: { $ref: '#/components/schemas/WorkflowEdge' },
          },
          triggers: {
            description: 'How runs of this workflow may be started (`manual` is what `createRun` uses).',
            type: 'array',
            items: { $ref: '#/components/schemas/WorkflowTrigger' },
          },
          variables: {
            description: 'Declared inputs and workflow variables.',
            type: 'array',
            items: { $ref: '#/components/schemas/WorkflowVariable' },
          },
          metadata: { $ref: '#/components/schemas/WorkflowMetadata' },
          settings: { $ref: '#/components/schemas/WorkflowSettings' },
          groups: {
            description: 'Visual node groups; no effect on execution.',
            type: 'array',
            items: {
              description: 'A visual group of nodes on the canvas.',
              type: 'object',
              required: ['id', 'name', 'nodeIds', 'position', 'size'],
              properties: {
                id: { description: 'Group id.', type: 'string' },
                name: { description: 'Group label.', type: 'string' },
                nodeIds: { description: 'Member node ids.', type: 'array', items: { type: 'string' } },
                position: { $ref: '#/components/schemas/Position' },
                size: {
                  description: 'Canvas size of the group.',
                  type: 'object',
                  required: ['width', 'height'],
                  properties: {
                    width: { description: 'Width in canvas units.', type: 'number' },
                    height: { description: 'Height in canvas units.', type: 'number' },
                  },
                },
                color: { description: 'Display colour.', type: 'string' },
                collapsed: { description: 'Whether the group is drawn collapsed.', type: 'boolean' },
              },
            },
          },
          channels: {
            description: 'Typed state channels keyed by channel name; their presence makes runs channel-aware.',
            type: 'object',
            additionalProperties: { $ref: '#/components/schemas/ChannelDeclaration' },
          },
          configurableSchema: {
            description:
              'JSON Schema (2020-12) that `RunOptions.configurable` must satisfy when a run of this workflow is created.',
            type: 'object',
            additionalProperties: true,
          },
          defaults: {
            description: 'Default prompt references (prompt-library feature).',
            type: 'object',
            additionalProperties: false,
            properties: {
              promptRefs: {
                description: 'Default prompt ids by role.',
                type: 'object',
                additionalProperties: false,
                properties: {
                  system: { description: 'System prompt id.', type: 'string' },
                  user: { description: 'User prompt id.', type: 'string' },
                  'few-shot': { description: 'Few-shot prompt id.', type: 'string' },
                  'schema-hint': { description: 'Schema hint prompt id.', type: 'string' },
                },
              },
            },
          },
          acceptsInheritedArtifacts: {
            description: 'Artifact types a sub-workflow accepts from its parent.',
            type: 'array',
            items: { type: 'object', additionalProperties: true },
          },
          createdAt: { description: 'When the definition was created.', type: 'string', format: 'date-time' },
          updatedAt: { description: 'When the definition was last changed.', type: 'string', format: 'date-time' },
        },
      },
      WorkflowNode: {
        description: 'One node of a workflow graph, executed by the node type named in `typeId`.',
        type: 'object',
        additionalProperties: false,
        required: ['id', 'typeId', 'name', 'position', 'config', 'inputs'],
        properties: {
          id: { description: 'Node id, unique within the workflow. No maximum length.', type: 'string', minLength: 1 },
          typeId: {
            description: 'Node type, e.g. `core.noop` or `vendor.acme.sendEmail`.',
            type: 'string',
            pattern: '^[a-z][a-zA-Z0-9._-]*$',
          },
          name: { description: 'Display name.', type: 'string', minLength: 1 },
          position: { $ref: '#/components/schemas/Position' },
          config: {
            description: 'Constants for the node, shaped by its type.',
            type: 'object',
            additionalProperties: true,
          },
          inputs: {
            description: 'Input wiring by port name.',
            type: 'object',
            additionalProperties: { $ref: '#/components/schemas/PortValue' },
          },
          credentialsRef: { description: 'Reference to stored credentials the node uses.', type: 'string' },
          settings: { description: 'Free-form per-node settings.', type: 'object', additionalProperties: true },
          outputRole: {
            description: 'Advisory marker of the main deliverable among terminal nodes.',
            type: 'string',
            enum: ['primary', 'secondary'],
          },
          disabled: { description: 'A disabled node is skipped.', type: 'boolean', default: false },
          notes: { description: 'Author notes.', type: 'string' },
          groupId: { description: 'Visual group the node belongs to.', type: 'string' },
          agent: { description: 'Agent pinning for multi-agent hosts.', type: 'object', additionalProperties: true },
          envelopeContract: {
            description: 'AI envelope contract for AI nodes.',
            type: 'object',
            additionalProperties: true,
          },
          artifactType: { description: 'Artifact type the node produces or reviews.', type: 'string' },
          cardType: { description: 'Chat card override.', type: 'string' },
          outputSensitivity: {
            description: 'Output ports whose values are masked in `node.completed` payloads.',
            type: 'object',
            additionalProperties: { type: 'boolean' },
          },
        },
      },
      WorkflowEdge: {
        description: 'A directed edge; optional condition and join rule at the target.',
        type: 'object',
        additionalProperties: false,
        required: ['id', 'sourceNodeId', 'targetNodeId'],
        properties: {
          id: { description: 'Edge id, unique within the workflow.', type: 'string', minLength: 1 },
          sourceNodeId: { description: 'Node the edge leaves.', type: 'string', minLength: 1 },
          targetNodeId: { description: 'Node the edge enters.', type: 'string', minLength: 1 },
          sourceOutput: { description: 'Source port (default `output`).', type: 'string' },
          targetInput: { description: 'Target port (default `input`).', type: 'string' },
          label: { description: 'Display label.', type: 'string' },
          condition: {
            description: 'The edge fires only when this condition holds.',
            type: 'object',
            additionalProperties: false,
            required: ['type'],
            properties: {
              type: {
                description: 'Comparison operator.',
                type: 'string',
                enum: ['expression', 'equals', 'notEquals', 'contains', 'regex', 'truthy', 'falsy'],
              },
              left: {
                description: 'Path into `{output, variables}` that is compared, e.g. `output.approved`.',
                type: 'string',
              },
              right: { description: 'Operand compared against `left` (any JSON).' },
              expression: { description: 'Expression used when `type` is `expression`.', type: 'string' },
            },
          },
          triggerRule: {
            description: 'Join rule at the target node (default `all_success`).',
            type: 'string',
            enum: ['all_success', 'any_success', 'all_complete', 'none_failed', 'any_failed'],
          },
        },
      },
      WorkflowTrigger: {
        description: 'A way runs of the workflow may be started.',
        type: 'object',
        additionalProperties: false,
        required: ['id', 'type'],
        properties: {
          id: { description: 'Trigger id.', type: 'string', minLength: 1 },
          type: {
            description: 'Trigger kind.',
            type: 'string',
            enum: [
              'manual',
              'schedule',
              'webhook',
              'event',
              'artifact',
              'canvas',
              'envelope',
              'command',
              'chat-message',
              'channel-write',
            ],
          },
          name: { description: 'Display name.', type: 'string' },
          description: { description: 'What the trigger does.', type: 'string' },
          config: { description: 'Kind-specific configuration.', type: 'object', additionalProperties: true },
          enabled: { description: 'Whether the trigger is active.', type: 'boolean', default: true },
          nodeId: { description: 'Entry node the trigger starts at.', type: 'string' },
          eventType: { description: 'Event type an `event` trigger listens for.', type: 'string' },
        },
      },
      WorkflowVariable: {
        description: 'A declared workflow input or variable.',
        type: 'object',
        additionalProperties: false,
        required: ['name', 'type'],
        properties: {
          name: { description: 'Variable name.', type: 'string', minLength: 1 },
          type: {
            description: 'Value type.',
            type: 'string',
            enum: ['string', 'number', 'boolean', 'object', 'array'],
          },
          description: { description: 'What the variable holds.', type: 'string' },
          required: { description: 'A run must supply it (or a default must exist).', type: 'boolean', default: false },
          defaultValue: { description: 'Value used when the run does not supply one.' },
          sensitive: { description: 'Mask the value in events and snapshots.', type: 'boolean', default: false },
          format: { description: 'Advisory UI hint such as `email` or `date-time`; never enforced.', type: 'string' },
        },
      },
      WorkflowSettings: {
        description: 'Execution settings of a workflow.',
        type: 'object',
        additionalProperties: true,
        properties: {
          timeout: { description: 'Run duration limit in milliseconds.', type: 'integer', minimum: 1 },
          maxRetries: { description: 'Default retry budget for nodes.', type: 'integer', minimum: 0 },
          logLevel: {
            description: 'Minimum level of `log.appended` events.',
            type: 'string',
            enum: ['debug', 'info', 'warn', 'error'],
          },
          maxLoopbackIterations: { description: 'Bound on loop iterations (default 5).', type: 'integer', minimum: 1 },
        },
      },
      WorkflowMetadata: {
        description: 'Authoring and compliance metadata of a workflow.',
        type: 'object',
        additionalProperties: true,
        properties: {
          createdBy: { description: 'Author id.', type: 'string' },
          createdAt: { description: 'Creation time.', type: 'string' },
          updatedBy: { description: 'Last editor id.', type: 'string' },
          updatedAt: { description: 'Last change time.', type: 'string' },
          tags: {
            description: 'Free-form tags.',
            type: 'array',
            maxItems: 100,
            items: { type: 'string', minLength: 1, maxLength: 256 },
          },
          category: { description: 'Category.', type: 'string' },
          author: { description: 'Author name.', type: 'string' },
          codeVersion: { description: 'Version of the code that produced the definition.', type: 'string' },
          customProperties: { description: 'Free-form properties.', type: 'object', additionalProperties: true },
          complianceClass: {
            description: 'Data classification.',
            type: 'string',
            enum: ['public', 'pii', 'phi', 'pci', 'regulated'],
          },
        },
      },
      ChannelDeclaration: {
        description: 'A typed state channel and the reducer that combines writes to it.',
        type: 'object',
        additionalProperties: false,
        required: ['reducer'],
        properties: {
          reducer: {
            description: 'How writes combine: a canonical reducer or `vendor.<org>.<name>`.',
            type: 'string',
            pattern:
              '^(replace|append|merge|counter|votes|feedback|message|vendor\\.[a-z][a-z0-9_-]*\\.[a-z][a-z0-9_-]*)$',
          },
          schema: { description: 'JSON Schema of the channel value.', type: 'object', additionalProperties: true },
          schemaVersion: {
            description: 'Version of `schema`, recorded on every write.',
            type: 'integer',
            minimum: 1,
            default: 1,
          },
          compatibleWith: {
            description: 'Older schema versions whose writes remain valid.',
            type: 'array',
            uniqueItems: true,
            items: { type: 'integer', minimum: 1 },
          },
          default: { description: 'Value before the first write.' },
          maxSize: { description: 'Entry bound for list reducers.', type: 'integer', minimum: 1 },
          ttlMs: {
            description: 'Entry age limit for list reducers.',
            type: 'integer',
            minimum: 1,
            maximum: 31536000000,
          },
          options: { description: 'Reducer-specific options.', type: 'object', additionalProperties: true },
          access: {
            description: 'Who may read and write: `public`, `private`, or allow-lists of node ids / typeId prefixes.',
            oneOf: [
              { type: 'string', enum: ['public', 'private'] },
              {
                type: 'object',
                additionalProperties: false,
                properties: {
                  readers: { type: 'array', maxItems: 256, items: { type: 'string', minLength: 1, maxLength: 256 } },
                  writers: { type: 'array', maxItems: 256, items: { type: 'string', minLength: 1, maxLength: 256 } },
                },
              },
            ],
          },
          sensitive: { description: 'Mask values in events and reads.', type: 'boolean', default: false },
        },
      },
      PortValue: {
        description: 'Where a node input takes its value from; exactly one of four closed shapes selected by `type`.',
        oneOf: [
          {
            description: 'A literal value.',
            type: 'object',
            additionalProperties: false,
            required: ['type', 'value'],
            properties: {
              type: { description: 'Literal value.', type: 'string', const: 'static' },
              value: { description: 'The literal (any JSON).' },
            },
          },
          {
            description: 'A host-evaluated expression.',
            type: 'object',
            additionalProperties: false,
            required: ['type', 'expression'],
            properties: {
              type: { description: 'Expression value.', type: 'string', const: 'expression' },
              expression: { description: 'The expression text.', type: 'string', minLength: 1 },
            },
          },
          {
            description: 'An output port of an upstream node.',
            type: 'object',
            additionalProperties: false,
            required: ['type', 'nodeId', 'outputKey'],
            properties: {
              type: { description: 'Upstream connection.', type: 'string', const: 'connection' },
              nodeId: { description: 'Upstream node id.', type: 'string', minLength: 1 },
              outputKey: { description: 'Output port of the upstream node.', type: 'string', minLength: 1 },
              optional: { description: 'Missing value is allowed.', type: 'boolean', default: false },
            },
          },
          {
            description: 'A workflow variable or run input.',
            type: 'object',
            additionalProperties: false,
            required: ['type', 'variableName'],
            properties: {
              type: { description: 'Variable reference.', type: 'string', const: 'variable' },
              variableName: { description: 'Variable name.', type: 'string', minLength: 1 },
              optional: { description: 'Missing value is allowed.', type: 'boolean', default: false },
            },
          },
        ],
      },
      Position: {
        description: 'Canvas coordinates; no meaning for execution.',
        type: 'object',
        required: ['x', 'y'],
        properties: {
          x: { description: 'Horizontal coordinate.', type: 'number' },
          y: { description: 'Vertical coordinate.', type: 'number' },
        },
      },
      RunSnapshot: {
        description: 'The current state of a run, projected from its event log. Readers ignore unknown fields.',
        type: 'object',
        additionalProperties: true,
        required: ['runId', 'workflowId', 'status'],
        properties: {
          runId: { description: 'Run id.', type: 'string', minLength: 1, maxLength: 128 },
          workflowId: { description: 'Workflow the run executes.', type: 'string', minLength: 1 },
          status: { $ref: '#/components/schemas/RunStatus' },
          owner: {
            description: 'Who owns the run.',
            type: 'object',
            required: ['tenant'],
            properties: {
              tenant: { description: 'Owning tenant.', type: 'string' },
              workspace: { description: 'Owning workspace.', type: 'string' },
              principal: { description: 'Principal that started the run.', type: 'string' },
              principalKind: {
                description: 'Kind of principal.',
                type: 'string',
                enum: ['user', 'agent', 'anonymous'],
              },
            },
          },
          currentNodeId: {
            description: 'Node holding the pending interrupt while the run is suspended.',
            type: 'string',
          },
          startedAt: { description: 'When execution began.', type: 'string', format: 'date-time' },
          completedAt: { description: 'When the run reached a terminal status.', type: 'string', format: 'date-time' },
          nodeStates: { description: 'Per-node state keyed by node id.', type: 'object', additionalProperties: true },
          variables: {
            description: 'Workflow variables (sensitive ones masked).',
            type: 'object',
            additionalProperties: true,
          },
          channels: { description: 'Post-reduction channel values.', type: 'object', additionalProperties: true },
          error: { $ref: '#/components/schemas/RunError' },
          engineVersion: { description: 'Engine version the run started under (decimal string).', type: 'string' },
          eventLogSchemaVersion: { description: 'Event log contract version (`2`).', type: 'integer', minimum: 0 },
          tags: {
            description: 'Tags from the run options.',
            type: 'array',
            maxItems: 100,
            items: { type: 'string', maxLength: 256 },
          },
          metadata: { description: 'Metadata from the run options.', type: 'object', additionalProperties: true },
          configurable: {
            description: 'The configurable overlay the run was created with.',
            type: 'object',
            additionalProperties: true,
          },
          interrupt: {
            description: 'Signed-token handle of the pending interrupt, while suspended.',
            type: 'object',
            properties: {
              interruptToken: { description: 'Signed token for `/v1/interrupts/{token}`.', type: 'string' },
              callbackUrl: { description: 'Full URL of the signed-token resolve route.', type: 'string' },
            },
          },
          parentRunId: {
            description: 'Parent run when this run was started by `core.subWorkflow` or a fork.',
            type: 'string',
          },
        },
      },
      RunEventDoc: {
        description:
          "One entry of a run's append-only event log, exactly as persisted, polled, streamed and delivered by webhook. `sequence` starts at 0 and is gapless per run.",
        type: 'object',
        additionalProperties: false,
        required: ['eventId', 'runId', 'type', 'payload', 'timestamp', 'sequence'],
        properties: {
          eventId: { description: 'Globally unique event id.', type: 'string', minLength: 1, maxLength: 128 },
          runId: { description: 'Run the event belongs to.', type: 'string', minLength: 1, maxLength: 128 },
          type: {
            description: 'Dotted event type, e.g. `node.completed`. Readers tolerate unknown types.',
            type: 'string',
            minLength: 1,
          },
          payload: { description: 'Event-type specific payload.' },
          timestamp: { description: 'When the event was appended.', type: 'string', format: 'date-time' },
          sequence: { description: 'Per-run position in the log, from 0.', type: 'integer', minimum: 0 },
          nodeId: {
            description: 'Node the event concerns, for node-scoped events.',
            type: 'string',
            minLength: 1,
            maxLength: 128,
          },
          schemaVersion: { description: 'Payload contract version (currently 1).', type: 'integer', minimum: 0 },
          engineVersion: { description: 'Engine version that wrote the event (decimal string).', type: 'string' },
          causationId: {
            description: 'Event id of the event that caused this one.',
            type: 'string',
            minLength: 1,
            maxLength: 128,
          },
        },
      },
      InterruptKind: {
        description: 'Kind of interrupt.',
        type: 'string',
        enum: ['approval', 'clarification', 'external-event', 'custom'],
      },
      RunStartedPayload: {
        description: 'Payload of `run.started`: emitted once when execution begins.',
        type: 'object',
        required: ['workflowId'],
        properties: {
          workflowId: { description: 'Workflow being executed.', type: 'string' },
          inputs: { description: 'Run inputs.', type: 'object', additionalProperties: true },
          transport: { description: 'How the run was started.', type: 'string', enum: ['rest', 'mcp', 'a2a', 'ui'] },
          engineVersion: { description: 'Engine version (decimal string).', type: 'string' },
          owner: {
            description: 'Owner of the run.',
            type: 'object',
            required: ['tenant'],
            properties: {
              tenant: { description: 'Owning tenant.', type: 'string' },
              workspace: { description: 'Owning workspace.', type: 'string' },
              principal: { description: 'Starting principal.', type: 'string' },
            },
          },
          tags: { description: 'Run tags.', type: 'array', items: { type: 'string' } },
          metadata: { description: 'Run metadata.', type: 'object', additionalProperties: true },
        },
      },
      RunCompletedPayload: {
        description: 'Payload of `run.completed`: the successful terminal event.',
        type: 'object',
        properties: {
          outputs: { description: 'Run outputs by port.', type: 'object', additionalProperties: true },
          durationMs: { description: 'Run duration.', type: 'integer', minimum: 0 },
        },
      },
      RunFailedPayload: {
        description: 'Payload of `run.failed`: the failed terminal event.',
        type: 'object',
        required: ['error'],
        properties: {
          error: { $ref: '#/components/schemas/RunError' },
          failedNodeId: { description: 'Node whose failure ended the run.', type: 'string' },
          durationMs: { description: 'Run duration.', type: 'integer', minimum: 0 },
        },
      },
      RunCancelledPayload: {
        description: 'Payload of `run.cancelled`: the cancelled terminal event.',
        type: 'object',
        properties: {
          reason: { description: 'Why the run was cancelled.', type: 'string' },
          cancelledBy: { description: 'Who cancelled it (user id, key fingerprint or `system`).', type: 'string' },
          durationMs: { description: 'Run duration.', type: 'integer', minimum: 0 },
          parentRunId: { description: 'Parent whose cancellation cascaded here.', type: 'string' },
        },
      },
      RunPausedPayload: {
        description: 'Payload of `run.paused`: an operator pause took effect.',
        type: 'object',
        properties: {
          reason: { description: 'Why the run was paused.', type: 'string' },
          drainPolicy: {
            description: 'How in-flight work was drained.',
            type: 'string',
            enum: ['immediate', 'drain-current-node'],
          },
        },
      },
      RunResumedPayload: {
        description: 'Payload of `run.resumed`: an operator resume took effect.',
        type: 'object',
        properties: { reason: { description: 'Why the run was resumed.', type: 'string' } },
      },
      NodeStartedPayload: {
        description: 'Payload of `node.started`.',
        type: 'object',
        required: ['nodeId', 'typeId'],
        properties: {
          nodeId: { description: 'Node id.', type: 'string' },
          typeId: { description: 'Node type.', type: 'string' },
          attempt: { description: 'Attempt number from 0.', type: 'integer', minimum: 0 },
        },
      },
      NodeCompletedPayload: {
        description: 'Payload of `node.completed`; sensitive output ports are masked.',
        type: 'object',
        required: ['nodeId'],
        properties: {
          nodeId: { description: 'Node id.', type: 'string' },
          outputs: { description: 'Node outputs by port.', type: 'object', additionalProperties: true },
          durationMs: { description: 'Node duration.', type: 'integer', minimum: 0 },
        },
      },
      NodeFailedPayload: {
        description: 'Payload of `node.failed`: terminal node failure after retries.',
        type: 'object',
        required: ['nodeId', 'error'],
        properties: {
          nodeId: { description: 'Node id.', type: 'string' },
          error: { $ref: '#/components/schemas/RunError' },
          attempts: { description: 'Attempts made.', type: 'integer', minimum: 1 },
        },
      },
      NodeRetriedPayload: {
        description: 'Payload of `node.retried`: one retry within the budget.',
        type: 'object',
        required: ['nodeId', 'attempt'],
        properties: {
          nodeId: { description: 'Node id.', type: 'string' },
          attempt: { description: 'The attempt about to run.', type: 'integer', minimum: 1 },
          delayMs: { description: 'Backoff before the attempt.', type: 'integer', minimum: 0 },
          lastError: { $ref: '#/components/schemas/RunError' },
        },
      },
      NodeSkippedPayload: {
        description: 'Payload of `node.skipped`: the node will not run in this run.',
        type: 'object',
        required: ['nodeId'],
        properties: {
          nodeId: { description: 'Node id.', type: 'string' },
          reason: { description: 'Why it was skipped.', type: 'string' },
        },
      },
      NodeCancelledPayload: {
        description: 'Payload of `node.cancelled`: an in-flight node was cancelled.',
        type: 'object',
        required: ['nodeId'],
        properties: {
          nodeId: { description: 'Node id.', type: 'string' },
          reason: { description: 'Why it was cancelled.', type: 'string' },
        },
      },
      NodeSuspendedPayload: {
        description: 'Payload of `node.suspended`: the node raised an interrupt.',
        type: 'object',
        required: ['nodeId', 'interruptId'],
        properties: {
          nodeId: { description: 'Node id.', type: 'string' },
          interruptId: { description: 'Interrupt id.', type: 'string' },
          kind: { $ref: '#/components/schemas/InterruptKind' },
          key: { description: 'Interrupt key.', type: 'string' },
        },
      },
      NodeResumedPayload: {
        description: 'Payload of `node.resumed`: the node received its resume value.',
        type: 'object',
        required: ['nodeId'],
        properties: {
          nodeId: { description: 'Node id.', type: 'string' },
          interruptId: { description: 'Interrupt id.', type: 'string' },
          resumeValue: { description: 'The value the interrupt was resolved with.' },
        },
      },
      InterruptRequestedPayload: {
        description: 'Payload of `interrupt.requested`: a node suspended the run.',
        type: 'object',
        properties: {
          runId: { description: 'Run id.', type: 'string' },
          nodeId: { description: 'Node id.', type: 'string' },
          interruptId: { description: 'Interrupt id.', type: 'string' },
          kind: { $ref: '#/components/schemas/InterruptKind' },
          key: { description: 'Interrupt key, unique per raise.', type: 'string' },
          data: { description: 'Kind-specific request data.' },
          timeoutMs: { description: 'Time until the interrupt times out.', type: 'integer', minimum: 0 },
          requestedAt: { description: 'When it was raised.', type: 'string', format: 'date-time' },
        },
      },
      InterruptResolvedPayload: {
        description: 'Payload of `interrupt.resolved`.',
        type: 'object',
        required: ['nodeId', 'interruptId'],
        properties: {
          runId: { description: 'Run id.', type: 'string' },
          nodeId: { description: 'Node id.', type: 'string' },
          interruptId: { description: 'Interrupt id.', type: 'string' },
          kind: { $ref: '#/components/schemas/InterruptKind' },
          resumeValue: { description: 'The resolving value.' },
          resolvedAt: { description: 'When it was resolved.', type: 'string', format: 'date-time' },
          resolvedBy: { description: 'Who resolved it.', type: 'string' },
        },
      },
      ApprovalRequestedPayload: {
        description: 'Payload of `approval.requested` (legacy companion of an approval interrupt).',
        type: 'object',
        required: ['nodeId', 'artifactId', 'artifactType', 'actions'],
        properties: {
          nodeId: { description: 'Node id.', type: 'string' },
          artifactId: { description: 'Artifact under review.', type: 'string' },
          artifactType: { description: 'Artifact type.', type: 'string' },
          actions: {
            description: 'Allowed decisions.',
            type: 'array',
            minItems: 1,
            items: { type: 'string', enum: ['accept', 'reject', 'refine', 'edit', 'ask'] },
          },
          interruptId: { description: 'Interrupt id.', type: 'string' },
          title: { description: 'Prompt shown to approvers.', type: 'string' },
          approversList: { description: 'Who may approve.', type: 'array', items: { type: 'string' } },
          requiredApprovals: { description: 'Approvals needed.', type: 'integer', minimum: 1 },
        },
      },
      ApprovalReceivedPayload: {
        description: 'Payload of `approval.received`: an approval decision.',
        type: 'object',
        required: ['nodeId', 'action'],
        properties: {
          nodeId: { description: 'Node id.', type: 'string' },
          action: {
            description: 'The decision.',
            type: 'string',
            enum: ['accept', 'reject', 'refine', 'edit-accept', 'timeout'],
          },
          decidedBy: { description: 'Who decided.', type: 'string' },
          decidedAt: { description: 'When.', type: 'string', format: 'date-time' },
          comment: { description: 'Free-text comment.', type: 'string' },
          feedback: { description: 'Reviewer feedback.', type: 'string' },
          refineFeedback: { description: 'Structured refine request.', type: 'object', additionalProperties: true },
          editedArtifactData: { description: 'Edited artifact for `edit-accept`.' },
        },
      },
      ClarificationRequestedPayload: {
        description: 'Payload of `clarification.requested`.',
        type: 'object',
        required: ['nodeId', 'questions'],
        properties: {
          nodeId: { description: 'Node id.', type: 'string' },
          interruptId: { description: 'Interrupt id.', type: 'string' },
          questions: {
            description: 'Questions to answer.',
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'question'],
              properties: {
                id: { description: 'Question id.', type: 'string' },
                question: { description: 'Question text.', type: 'string' },
                schema: { description: 'JSON Schema of the answer.', type: 'object', additionalProperties: true },
              },
            },
          },
        },
      },
      ClarificationResolvedPayload: {
        description: 'Payload of `clarification.resolved`.',
        type: 'object',
        required: ['nodeId', 'answers'],
        properties: {
          nodeId: { description: 'Node id.', type: 'string' },
          answers: { description: 'Answers keyed by question id.', type: 'object', additionalProperties: true },
          answeredBy: { description: 'Who answered.', type: 'string' },
        },
      },
      ChannelWrittenPayload: {
        description: 'Payload of `channel.written`: one write to a channel (the write input, not the reduced value).',
        type: 'object',
        required: ['channel', 'value', 'reducer'],
        properties: {
          channel: { description: 'Channel name.', type: 'string' },
          value: { description: 'The written value.' },
          reducer: { description: 'Reducer in force at write time.', type: 'string' },
          nodeId: { description: 'Writing node.', type: 'string' },
          writtenAt: { description: 'Write time.', type: 'string', format: 'date-time' },
          schemaVersion: { description: 'Channel schema version.', type: 'integer', minimum: 1 },
          sourceEngineId: { description: 'Engine of a cross-engine write.', type: 'string' },
          sourceRunId: { description: 'Run of a cross-engine write.', type: 'string' },
        },
      },
      VariableChangedPayload: {
        description: 'Payload of `variable.changed`.',
        type: 'object',
        required: ['name'],
        properties: {
          name: { description: 'Variable name.', type: 'string' },
          previous: { description: 'Previous value.' },
          next: { description: 'New value.' },
          nodeId: { description: 'Node that changed it.', type: 'string' },
        },
      },
      ArtifactCreatedPayload: {
        description: 'Payload of `artifact.created`.',
        type: 'object',
        required: ['artifactId', 'artifactType'],
        properties: {
          artifactId: { description: 'Artifact id.', type: 'string' },
          artifactType: { description: 'Artifact type.', type: 'string' },
          nodeId: { description: 'Producing node.', type: 'string' },
          version: { description: 'Artifact version.', type: 'integer', minimum: 0 },
          summary: { description: 'Short summary.', type: 'string' },
        },
      },
      OutputChunkPayload: {
        description: 'Payload of `output.chunk`: persisted streaming output.',
        type: 'object',
        required: ['nodeId', 'chunk'],
        properties: {
          nodeId: { description: 'Producing node.', type: 'string' },
          chunk: { description: 'Text chunk.', type: 'string' },
          isLast: { description: 'Last chunk of the output.', type: 'boolean' },
          channel: { description: 'Output channel.', type: 'string' },
          meta: { description: 'Model metadata.', type: 'object', additionalProperties: true },
        },
      },
      LogAppendedPayload: {
        description: 'Payload of `log.appended` (debug mode).',
        type: 'object',
        required: ['level', 'message'],
        properties: {
          level: { description: 'Log level.', type: 'string', enum: ['debug', 'info', 'warn', 'error'] },
          message: { description: 'Log message.', type: 'string' },
          nodeId: { description: 'Logging node.', type: 'string' },
          fields: { description: 'Structured fields.', type: 'object', additionalProperties: true },
        },
      },
      VersionPinnedPayload: {
        description: 'Payload of `version.pinned`.',
        type: 'object',
        required: ['changeId', 'version'],
        properties: {
          changeId: { description: 'Change id.', type: 'string' },
          version: { description: 'Pinned version.', type: 'integer' },
          nodeId: { description: 'Node that asked.', type: 'string' },
        },
      },
      CapBreachedPayload: {
        description: 'Payload of `cap.breached`: a run limit fired.',
        type: 'object',
        required: ['kind', 'limit', 'observed'],
        properties: {
          kind: {
            description: 'Which limit.',
            type: 'string',
            enum: [
              'clarification',
              'schema',
              'envelopes',
              'node-executions',
              'wasm-memory',
              'wasm-fuel',
              'wasm-execution-time',
              'run-duration',
              'loop-iterations',
              'budget-tokens',
              'budget-cost',
              'budget-tool-calls',
              'budget-retries',
            ],
          },
          limit: { description: 'The limit.', type: 'integer', minimum: 0 },
          observed: { description: 'The observed value.', type: 'integer', minimum: 0 },
          nodeId: { description: 'Node that hit it.', type: 'string' },
        },
      },
      WorkflowLoopbackLimitPayload: {
        description: 'Payload of `workflow.loopback-limit`.',
        type: 'object',
        required: ['nodeId', 'iterations'],
        properties: {
          nodeId: { description: 'Looping node.', type: 'string' },
          iterations: { description: 'Iterations reached.', type: 'integer', minimum: 0 },
          limit: { description: 'The limit.', type: 'integer', minimum: 1 },
        },
      },
      ReplayDivergedPayload: {
        description: 'Payload of `replay.diverged` (replay forks only).',
        type: 'object',
        required: ['sourceRunId', 'atSequence'],
        properties: {
          sourceRunId: { description: 'Source run.', type: 'string' },
          atSequence: { description: 'Where it diverged.', type: 'integer', minimum: 0 },
          originalEventId: { description: 'Source event id.', type: 'string' },
          divergenceKind: {
            description: 'Kind of divergence.',
            type: 'string',
            enum: ['output', 'missing', 'extra', 'type-mismatch'],
          },
        },
      },
      OpenApiDocument: {
        description: 'An OpenAPI 3.1 document.',
        type: 'object',
        required: ['openapi', 'info', 'paths'],
        additionalProperties: true,
        properties: {
          openapi: { description: 'OpenAPI version.', type: 'string' },
          info: { description: 'Document metadata.', type: 'object', additionalProperties: true },
          paths: { description: 'The operations.', type: 'object', additionalProperties: true },
        },
      },
      RegisteredWorkflow: {
        description: 'Where a registered definition was stored.',
        type: 'object',
        additionalProperties: false,
        required: ['workflowId', 'version', 'revision', 'digest', 'registeredAt'],
        properties: {
          workflowId: { description: 'Workflow id.', type: 'string' },
          version: { description: "The definition's own `version`.", type: 'string' },
          revision: { description: 'Host-assigned revision number, from 1.', type: 'integer', minimum: 1 },
          digest: {
            description: 'SHA-256 of the canonical JSON of the definition.',
            type: 'string',
            pattern: '^[0-9a-f]{64}$',
          },
          registeredAt: { description: 'When the revision was stored.', type: 'string', format: 'date-time' },
        },
      },
      WorkflowSummary: {
        description: 'The latest revision of a workflow, without its graph.',
        type: 'object',
        additionalProperties: false,
        required: ['workflowId', 'name', 'version', 'revision', 'registeredAt'],
        properties: {
          workflowId: { description: 'Workflow id.', type: 'string' },
          name: { description: 'Display name.', type: 'string' },
          version: { description: "The definition's own `version`.", type: 'string' },
          revision: { description: 'Host-assigned revision number.', type: 'integer', minimum: 1 },
          description: { description: 'What the workflow does.', type: 'string' },
          registeredAt: { description: 'When the revision was stored.', type: 'string', format: 'date-time' },
        },
      },
      WorkflowList: {
        description: 'One page of workflows.',
        type: 'object',
        additionalProperties: false,
        required: ['items', 'nextCursor'],
        properties: {
          items: {
            description: 'Workflows on this page.',
            type: 'array',
            items: { $ref: '#/components/schemas/WorkflowSummary' },
          },
          nextCursor: { description: 'Cursor of the next page; `null` on the last page.', type: ['string', 'null'] },
        },
      },
      RunList: {
        description: 'One page of runs.',
        type: 'object',
        additionalProperties: false,
        required: ['items', 'nextCursor'],
        properties: {
          items: {
            description: 'Runs on this page.',
            type: 'array',
            items: { $ref: '#/components/schemas/RunSnapshot' },
          },
          nextCursor: { description: 'Cursor of the next page; `null` on the last page.', type: ['string', 'null'] },
        },
      },
      RunOptions: {
        description: 'The per-run options overlay.',
        type: 'object',
        properties: {
          configurable: {
            description:
              "Per-run parameters (e.g. `recursionLimit`, `runTimeoutMs`), validated against the workflow's `configurableSchema`.",
            type: 'object',
            additionalProperties: true,
          },
          tags: {
            description: 'Observability tags.',
            type: 'array',
            maxItems: 100,
            items: { type: 'string', maxLength: 256 },
          },
          metadata: { description: 'Free-form observability metadata.', type: 'object', additionalProperties: true },
        },
      },
      CreateRunParams: {
        description: 'Body of `createRun`. The run-options overlay sits at the top level.',
        type: 'object',
        additionalProperties: false,
        required: ['workflowId'],
        properties: {
          workflowId: { description: 'Workflow to run.', type: 'string', minLength: 1, maxLength: 128 },
          inputs: { description: 'Workflow inputs.', type: 'object', additionalProperties: true },
          tenantId: {
            description: 'Tenant scope; derived from the API key when omitted.',
            type: 'string',
            minLength: 1,
            maxLength: 128,
          },
          scopeId: { description: 'Correlation id used by `X-Dedup`.', type: 'string', minLength: 1, maxLength: 256 },
          callbackUrl: {
            description: 'Where the signed interrupt callback URL is sent when the run suspends.',
            type: 'string',
            format: 'uri',
          },
          configurable: {
            description: 'Per-run parameters (e.g. `recursionLimit`, `runTimeoutMs`).',
            type: 'object',
            additionalProperties: true,
          },
          tags: {
            description: 'Observability tags.',
            type: 'array',
            maxItems: 100,
            items: { type: 'string', maxLength: 256 },
          },
          metadata: { description: 'Free-form observability metadata.', type: 'object', additionalProperties: true },
        },
      },
      RunAccepted: {
        description: 'The accepted run.',
        type: 'object',
        required: ['runId', 'status', 'eventsUrl'],
        properties: {
          runId: { description: 'Run id.', type: 'string' },
          status: {
            description: 'Status at acceptance.',
            type: 'string',
            enum: ['pending', 'running', 'waiting-approval', 'waiting-input', 'waiting-external'],
          },
          eventsUrl: { description: "SSE URL of the run's events.", type: 'string', format: 'uri' },
          statusUrl: { description: 'URL of the run snapshot.', type: 'string', format: 'uri' },
        },
      },
      CancelRunParams: {
        description: 'Body of `cancelRun`.',
        type: 'object',
        additionalProperties: false,
        properties: { reason: { description: 'Why the run is cancelled.', type: 'string', maxLength: 512 } },
      },
      CancelRunResult: {
        description: 'The run after the cancel was accepted.',
        type: 'object',
        required: ['runId', 'status'],
        properties: {
          runId: { description: 'Run id.', type: 'string' },
          status: {
            description: '`cancelled` when done, `cancelling` while a cascade runs.',
            type: 'string',
            enum: ['cancelled', 'cancelling'],
          },
        },
      },
      BulkCancelParams: {
        description: 'Body of `bulkCancelRuns`.',
        type: 'object',
        additionalProperties: false,
        required: ['runIds'],
        properties: {
          runIds: {
            description:
              'Runs to cancel, at most 100. A longer list is `400 validation_error` with `details.maxRunIds` (checked by the host rather than by `maxItems`, so the limit reaches the client as a number).',
            type: 'array',
            minItems: 1,
            items: { type: 'string', minLength: 1, maxLength: 128 },
          },
          reason: { description: 'Why the runs are cancelled.', type: 'string', maxLength: 512 },
        },
      },
      BulkCancelResult: {
        description: 'The outcome for one run id.',
        type: 'object',
        required: ['runId', 'ok'],
        properties: {
          runId: { description: 'Run id.', type: 'string' },
          ok: { description: 'Whether the cancel was accepted.', type: 'boolean' },
          status: { description: 'Status after the cancel.', type: 'string', enum: ['cancelled', 'cancelling'] },
          error: { $ref: '#/components/schemas/BulkCancelError' },
        },
      },
      BulkCancelError: {
        description:
          "Why one run of a bulk cancel failed. The envelope's `error` code is repeated as `code`, because the bulk-cancel conformance scenario reads `error.code` while envelope readers read `error.error`.",
        type: 'object',
        additionalProperties: false,
        required: ['error', 'code', 'message'],
        properties: {
          error: { description: 'Machine-readable code, e.g. `not_found` or `run_terminal`.', type: 'string' },
          code: { description: 'The same code as `error`.', type: 'string' },
          message: { description: 'Human-readable explanation.', type: 'string' },
        },
      },
      BulkCancelResults: {
        description: 'Per-id results in request order.',
        type: 'object',
        required: ['results'],
        properties: {
          results: {
            description: 'One entry per requested id.',
            type: 'array',
            items: { $ref: '#/components/schemas/BulkCancelResult' },
          },
        },
      },
      PauseRunParams: {
        description: 'Body of `pauseRun`.',
        type: 'object',
        additionalProperties: false,
        properties: {
          reason: { description: 'Why the run is paused.', type: 'string', maxLength: 512 },
          drainPolicy: {
            description: 'How in-flight work is drained (default `drain-current-node`).',
            type: 'string',
            enum: ['immediate', 'drain-current-node'],
          },
        },
      },
      PauseRunResult: {
        description: 'The accepted pause.',
        type: 'object',
        required: ['runId', 'status'],
        properties: {
          runId: { description: 'Run id.', type: 'string' },
          status: { description: 'Always `paused`.', type: 'string', const: 'paused' },
          pausedAt: { description: 'When the pause was accepted.', type: 'string', format: 'date-time' },
        },
      },
      ResumeRunParams: {
        description: 'Body of `resumeRun`.',
        type: 'object',
        additionalProperties: false,
        properties: { reason: { description: 'Why the run is resumed.', type: 'string', maxLength: 512 } },
      },
      ResumeRunResult: {
        description: 'The accepted resume.',
        type: 'object',
        required: ['runId', 'status'],
        properties: {
          runId: { description: 'Run id.', type: 'string' },
          status: { description: 'Always `running`.', type: 'string', const: 'running' },
          resumedAt: { description: 'When the resume was accepted.', type: 'string', format: 'date-time' },
        },
      },
      ForkRunParams: {
        description: 'Body of `forkRun`.',
        type: 'object',
        additionalProperties: false,
        required: ['mode'],
        properties: {
          mode: {
            description: '`replay` reuses recorded outcomes; `branch` re-executes with the overlay.',
            type: 'string',
            enum: ['replay', 'branch'],
          },
          fromSeq: {
            description: 'First re-executed sequence; required for `branch`, default 0 for `replay`.',
            type: 'integer',
            minimum: 0,
          },
          runOptionsOverlay: { $ref: '#/components/schemas/RunOptions' },
        },
      },
      ForkRunResult: {
        description: 'The forked child run.',
        type: 'object',
        required: ['runId', 'sourceRunId', 'mode', 'status', 'eventsUrl'],
        properties: {
          runId: { description: 'Child run id.', type: 'string' },
          sourceRunId: { description: 'Source run id.', type: 'string' },
          fromSeq: { description: 'The resolved fork point.', type: 'integer', minimum: 0 },
          mode: { description: 'Fork mode.', type: 'string', enum: ['replay', 'branch'] },
          status: { $ref: '#/components/schemas/RunStatus' },
          eventsUrl: { description: "SSE URL of the child's events.", type: 'string' },
        },
      },
      RunEventList: {
        description: "A run's event log as one JSON document.",
        type: 'object',
        required: ['events'],
        properties: {
          events: {
            description: 'Events in sequence order.',
            type: 'array',
            items: { $ref: '#/components/schemas/RunEventDoc' },
          },
        },
      },
      RunEventPage: {
        description: 'The answer to a long-poll.',
        type: 'object',
        additionalProperties: false,
        required: ['events', 'isComplete'],
        properties: {
          events: {
            description: 'Events after `lastSequence`, in order.',
            type: 'array',
            items: { $ref: '#/components/schemas/RunEventDoc' },
          },
          isComplete: { description: 'The run has ended and its terminal event has been delivered.', type: 'boolean' },
        },
      },
      ResolveInterruptParams: {
        description: 'Body of both interrupt resolve operations.',
        type: 'object',
        additionalProperties: false,
        required: ['resumeValue'],
        properties: {
          resumeValue: {
            description:
              'The value the suspended node resumes with; its shape depends on the interrupt kind (e.g. `{action: "accept"}`).',
          },
        },
      },
      ResolveInterruptByTokenParams: {
        description:
          'Body of `resolveInterruptByToken`: `{resumeValue}`, exactly as for the run-scoped resolve. The host checks it only after the token (a bad token answers `404` whatever the body is), so the schema leaves it open; a body without `resumeValue`, or with any other property, then answers `400`.',
        type: 'object',
        properties: {
          resumeValue: {
            description:
              'The value the suspended node resumes with; its shape depends on the interrupt kind (e.g. the event payload of an `external-event` interrupt).',
          },
        },
      },
      ResolveInterruptResult: {
        description: 'The run after the interrupt was resolved.',
        type: 'object',
        required: ['runId', 'nodeId', 'status'],
        properties: {
          runId: { description: 'Run id.', type: 'string' },
          nodeId: { description: 'Node that held the interrupt.', type: 'string' },
          status: { $ref: '#/components/schemas/RunStatus' },
        },
      },
      InterruptView: {
        description: 'A pending interrupt as seen through its signed token.',
        type: 'object',
        required: ['runId', 'nodeId', 'interruptId', 'kind'],
        properties: {
          runId: { description: 'Run id.', type: 'string' },
          nodeId: { description: 'Node holding the interrupt.', type: 'string' },
          interruptId: { description: 'Interrupt id.', type: 'string' },
          kind: { $ref: '#/components/schemas/InterruptKind' },
          key: { description: 'Interrupt key.', type: 'string' },
          data: { description: 'Kind-specific request data.' },
          requestedAt: { description: 'When it was raised.', type: 'string', format: 'date-time' },
          expiresAt: { description: 'When the token stops working.', type: 'string', format: 'date-time' },
          canResolve: {
            description: 'Whether this token may resolve (false for inspect-only tokens).',
            type: 'boolean',
          },
        },
      },
      Artifact: {
        description: 'An artifact produced by a run.',
        type: 'object',
        required: ['artifactId', 'runId', 'artifactType'],
        properties: {
          artifactId: { description: 'Artifact id.', type: 'string' },
          runId: { description: 'Producing run.', type: 'string' },
          artifactType: { description: 'Artifact type.', type: 'string' },
          nodeId: { description: 'Producing node.', type: 'string' },
          version: { description: 'Artifact version.', type: 'integer', minimum: 0 },
          data: { description: 'Artifact content.' },
        },
      },
      RegisterWebhookParams: {
        description: 'Body of `registerWebhook`. The secret is always generated by the host.',
        type: 'object',
        additionalProperties: false,
        required: ['url', 'events'],
        properties: {
          url: { description: 'Receiver URL (`https`).', type: 'string', format: 'uri', maxLength: 2048 },
          events: {
            description: 'Run event types to deliver.',
            type: 'array',
            minItems: 1,
            maxItems: 200,
            items: { type: 'string', minLength: 1, maxLength: 128 },
          },
          tenantId: {
            description: "Workspace of the subscription; defaults to the API key's tenant.",
            type: 'string',
            minLength: 1,
            maxLength: 128,
          },
          tags: {
            description: 'Deliver only runs sharing at least one of these tags.',
            type: 'array',
            maxItems: 100,
            items: { type: 'string', maxLength: 256 },
          },
        },
      },
      RegisteredWebhook: {
        description: 'The new subscription; `secret` is shown only here.',
        type: 'object',
        required: ['webhookId', 'secret', 'secretFingerprint'],
        properties: {
          webhookId: { description: 'Subscription id.', type: 'string' },
          secret: {
            description: 'HMAC signing secret (64 lowercase hex characters).',
            type: 'string',
            pattern: '^[0-9a-f]{64}$',
          },
          secretFingerprint: {
            description: 'First 8 hex characters of sha256(secret).',
            type: 'string',
            pattern: '^[0-9a-f]{8}$',
          },
          signatureAlgorithm: { description: 'Signature scheme used for deliveries (`v1`).', type: 'string' },
        },
      },
      AiMessageChunk: {
        description:
          'A `messages`-mode SSE frame: one chunk of streamed AI output, derived from a persisted `output.chunk`.',
        type: 'object',
        required: ['nodeId', 'runId', 'chunk'],
        properties: {
          nodeId: { description: 'Producing node.', type: 'string' },
          runId: { description: 'Run id.', type: 'string' },
          chunk: { description: 'Text chunk.', type: 'string' },
          isLast: { description: 'Last chunk of the output.', type: 'boolean' },
          meta: { description: 'Model metadata.', type: 'object', additionalProperties: true },
        },
      },
      WebhookDelivery: {
        description:
          'Body of one webhook delivery; `event` is the persisted event verbatim and `type` mirrors `event.type`.',
        type: 'object',
        required: ['runId', 'type', 'event'],
        properties: {
          runId: { description: 'Run the event belongs to.', type: 'string' },
          workspaceId: { description: 'Workspace (tenant) of the subscription.', type: 'string' },
          type: { description: "The event's type.", type: 'string' },
          event: { $ref: '#/components/schemas/RunEventDoc' },
        },
      },
      WebhookSubscription: {
        description: 'A webhook subscription as listed; its secret is never shown again after registration.',
        type: 'object',
        additionalProperties: false,
        required: [
          'webhookId',
          'tenantId',
          'url',
          'events',
          'tags',
          'secretFingerprint',
          'signatureAlgorithm',
          'state',
          'createdAt',
        ],
        properties: {
          webhookId: { description: 'Subscription id.', type: 'string' },
          tenantId: { description: 'Workspace (tenant) of the subscription.', type: 'string' },
          url: { description: 'Receiver URL.', type: 'string' },
          events: { description: 'Run event types delivered.', type: 'array', items: { type: 'string' } },
          tags: { description: 'Run tags filter; empty = every run.', type: 'array', items: { type: 'string' } },
          secretFingerprint: { description: 'First 8 hex characters of sha256(secret).', type: 'string' },
          signatureAlgorithm: { description: 'Signature scheme of deliveries (`v1`).', type: 'string' },
          state: {
            description: '`failed` after too many delivery failures; a redelivery re-activates it.',
            type: 'string',
            enum: ['active', 'failed'],
          },
          createdAt: { description: 'When the subscription was registered.', type: 'string', format: 'date-time' },
          circuitOpenUntil: {
            description: 'Present while the circuit breaker holds deliveries back.',
            type: 'string',
            format: 'date-time',
          },
          previousSecretExpiresAt: {
            description: 'Present while a rotated-out secret still signs.',
            type: 'string',
            format: 'date-time',
          },
        },
      },
      WebhookList: {
        description: 'One page of webhook subscriptions.',
        type: 'object',
        additionalProperties: false,
        required: ['items', 'nextCursor'],
        properties: {
          items: {
            description: 'Subscriptions on this page.',
            type: 'array',
            items: { $ref: '#/components/schemas/WebhookSubscription' },
          },
          nextCursor: { description: 'Cursor of the next page; `null` on the last page.', type: ['string', 'null'] },
        },
      },
      RotateWebhookSecretParams: {
        description: 'Body of `rotateWebhookSecret`.',
        type: 'object',
        additionalProperties: false,
        properties: {
          overlapSeconds: {
            description: 'How long the previous secret keeps signing (default 86400, at most 604800; 0 ends it now).',
            type: 'integer',
            minimum: 0,
            maximum: 604800,
          },
        },
      },
      RotatedWebhookSecret: {
        description: 'The new secret of a subscription; `secret` is shown only here.',
        type: 'object',
        required: ['webhookId', 'secret', 'secretFingerprint', 'signatureAlgorithm'],
        properties: {
          webhookId: { description: 'Subscription id.', type: 'string' },
          secret: {
            description: 'HMAC signing secret (64 lowercase hex characters).',
            type: 'string',
            pattern: '^[0-9a-f]{64}$',
          },
          secretFingerprint: {
            description: 'First 8 hex characters of sha256(secret).',
            type: 'string',
            pattern: '^[0-9a-f]{8}$',
          },
          signatureAlgorithm: { description: 'Signature scheme used for deliveries (`v1`).', type: 'string' },
          previousSecretExpiresAt: {
            description: 'Until when the previous secret still signs.',
            type: 'string',
            format: 'date-time',
          },
        },
      },
      WebhookDeliveryRecord: {
        description: 'One delivery: an event sent to a subscription, with its attempts.',
        type: 'object',
        additionalProperties: false,
        required: [
          'deliveryId',
          'webhookId',
          'runId',
          'sequence',
          'eventId',
          'eventType',
          'status',
          'attempts',
          'createdAt',
        ],
        properties: {
          deliveryId: {
            description: 'Stable id (the `X-Wopkit-Delivery-Id` header); receivers de-duplicate on it.',
            type: 'string',
          },
          webhookId: { description: 'Subscription id.', type: 'string' },
          runId: { description: 'Run of the event.', type: 'string' },
          sequence: { description: 'Sequence of the event in its run.', type: 'integer', minimum: 0 },
          eventId: { description: 'Event id.', type: 'string' },
          eventType: { description: 'Event type.', type: 'string' },
          status: {
            description: '`dead` once the retry budget ran out (a dead letter).',
            type: 'string',
            enum: ['pending', 'delivered', 'dead'],
          },
          attempts: { description: 'Attempts made since it was (re)queued.', type: 'integer', minimum: 0 },
          nextAttemptAt: { description: 'When a pending delivery is due.', type: 'string', format: 'date-time' },
          lastAttemptAt: { description: 'When the last attempt was made.', type: 'string', format: 'date-time' },
          lastStatusCode: { description: "HTTP status of the last attempt's response.", type: 'integer' },
          lastError: { description: 'Why the last attempt failed.', type: 'string' },
          deliveredAt: { description: 'When the receiver accepted it.', type: 'string', format: 'date-time' },
          createdAt: { description: 'When the event was committed.', type: 'string', format: 'date-time' },
        },
      },
      WebhookDeliveryList: {
        description: 'One page of webhook deliveries.',
        type: 'object',
        additionalProperties: false,
        required: ['items', 'nextCursor'],
        properties: {
          items: {
            description: 'Deliveries on this page.',
            type: 'array',
            items: { $ref: '#/components/schemas/WebhookDeliveryRecord' },
          },
          nextCursor: { description: 'Cursor of the next page; `null` on the last page.', type: ['string', 'null'] },
        },
      },
    },
  },
} as const;
