/** Typed access to the parts of the bundled OpenAPI document that generators read. */

/** One operation of the contract, flattened for generators. */
export interface ContractOperation {
  operationId: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  tags: string[];
  summary: string;
  /** Scopes required, or `null` for public operations (`security: []`). */
  scopes: string[] | null;
  /** Success responses in status order. */
  successes: Array<{ status: number; contentType: string | null; example: unknown }>;
}

type Obj = Record<string, unknown>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Lists the contract's operations sorted by operationId. */
export function listOperations(contract: Obj): ContractOperation[] {
  const paths = (contract.paths ?? {}) as Record<string, Obj>;
  const globalSecurity = contract.security as Array<Record<string, string[]>> | undefined;
  const examples = ((contract.components as Obj | undefined)?.examples ?? {}) as Record<string, Obj>;
  const operations: ContractOperation[] = [];
  for (const [pathTemplate, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method] as Obj | undefined;
      if (!op) continue;
      const security = (op.security as Array<Record<string, string[]>> | undefined) ?? globalSecurity ?? [];
      const scopes = security.length === 0 ? null : [...new Set(security.flatMap((req) => Object.values(req).flat()))];
      const successes: ContractOperation['successes'] = [];
      for (const [status, response] of Object.entries((op.responses ?? {}) as Record<string, Obj>)) {
        const code = Number(status);
        if (!(code >= 200 && code < 300)) continue;
        const content = (response.content ?? {}) as Record<string, Obj>;
        const [contentType, media] = Object.entries(content)[0] ?? [null, undefined];
        successes.push({ status: code, contentType, example: media ? firstExample(media, examples) : undefined });
      }
      successes.sort((a, b) => a.status - b.status);
      operations.push({
        operationId: String(op.operationId),
        method,
        path: pathTemplate,
        tags: (op.tags as string[] | undefined) ?? [],
        summary: String(op.summary ?? ''),
        scopes,
        successes,
      });
    }
  }
  return operations.sort((a, b) => a.operationId.localeCompare(b.operationId));
}

/** The first example of a media type object, resolving `#/components/examples/…` references. */
export function firstExample(media: Obj, examples: Record<string, Obj>): unknown {
  if ('example' in media) return media.example;
  const first = Object.values((media.examples ?? {}) as Record<string, Obj>)[0];
  if (!first) return undefined;
  if (typeof first.$ref === 'string') {
    const name = first.$ref.replace('#/components/examples/', '');
    return examples[name]?.value;
  }
  return first.value;
}

/** `createRun` → `CreateRun`. */
export function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
