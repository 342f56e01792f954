/**
 * `npm run contract:lint`: lints openapi.yaml with Redocly (OpenAPI 3.1 rules), validates asyncapi.yaml with the
 * AsyncAPI parser, and checks that every response with a body has an example that validates against its schema.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fromFile, Parser } from '@asyncapi/parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsImport from 'ajv-formats';
import { bundleContract } from './bundle/bundle.ts';
import { firstExample } from './shared/contract.ts';
import { asyncapiPath, openapiPath, repoRoot } from './shared/paths.ts';

type AddFormats = typeof addFormatsImport.default;
const addFormats: AddFormats =
  (addFormatsImport as unknown as { default?: AddFormats }).default ?? (addFormatsImport as unknown as AddFormats);

type Obj = Record<string, unknown>;
const failures: string[] = [];

// 1. Redocly: OpenAPI 3.1 structure, operationIds, descriptions, example/schema agreement.
try {
  execFileSync(
    path.join(repoRoot, 'node_modules/.bin/redocly'),
    ['lint', openapiPath, '--config', path.join(repoRoot, 'openapi/redocly.yaml'), '--format', 'stylish'],
    { stdio: 'inherit', cwd: repoRoot },
  );
} catch {
  failures.push('redocly lint reported errors (see above)');
}

// 2. AsyncAPI: the document parses and validates, including its references into openapi.yaml.
const { document, diagnostics } = await fromFile(new Parser(), asyncapiPath).parse();
for (const diagnostic of diagnostics) {
  if (diagnostic.severity === 0) failures.push(`asyncapi: ${diagnostic.message} at ${diagnostic.path.join('.')}`);
}
if (!document) failures.push('asyncapi: the document could not be parsed');

// 3. Every response with content has an example, and every example validates (our own check, independent of Redocly).
const contract = bundleContract(openapiPath);
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...contract, $id: 'contract' } as Obj);
const examples = ((contract.components as Obj).examples ?? {}) as Record<string, Obj>;
const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
for (const [pathTemplate, item] of Object.entries(contract.paths as Record<string, Obj>)) {
  for (const [method, op] of Object.entries(item as Record<string, Obj>)) {
    for (const [status, response] of Object.entries((op.responses ?? {}) as Record<string, Obj>)) {
      const resolved =
        typeof response.$ref === 'string'
          ? ((contract.components as Obj).responses as Record<string, Obj>)[response.$ref.split('/').pop()!]!
          : response;
      for (const [mediaType, media] of Object.entries((resolved.content ?? {}) as Record<string, Obj>)) {
        const where = `${op.operationId} ${status} ${mediaType}`;
        const example = firstExample(media, examples);
        if (example === undefined) {
          failures.push(`${where}: has no example`);
          continue;
        }
        if (mediaType !== 'application/json') continue;
        const pointer =
          typeof response.$ref === 'string'
            ? `contract#/components/responses/${response.$ref.split('/').pop()}/content/${escape(mediaType)}/schema`
            : `contract#/paths/${escape(pathTemplate)}/${method}/responses/${status}/content/${escape(mediaType)}/schema`;
        const validate = ajv.compile({ $ref: pointer });
        if (!validate(example))
          failures.push(`${where}: example does not validate: ${ajv.errorsText(validate.errors)}`);
      }
    }
  }
}

if (failures.length > 0) {
  console.error(`contract:lint failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('contract:lint: openapi.yaml and asyncapi.yaml are valid; every response example validates');
