/** Bundles `openapi/openapi.yaml` and its external schema files into one self-contained OpenAPI document. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Thrown when the contract cannot be bundled (unregistered external schema, unreadable file). */
export class ContractBundleError extends Error {}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads the OpenAPI document at `entryPath` and returns it with every external schema file inlined under
 * `components.schemas`. Each external file (or `$defs` entry) must be registered there as
 * `Name: { $ref: './schemas/file.yaml[#/$defs/Entry]' }`; every reference to it anywhere becomes
 * `#/components/schemas/Name`, so generated code gets exactly one type per schema.
 */
export function bundleContract(entryPath: string): JsonObject {
  const root = readYaml(entryPath);
  const baseDir = path.dirname(entryPath);
  const components = isObject(root.components) ? root.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};

  // Map "absolute file path#pointer" of every registered external schema to its component name.
  const names = new Map<string, string>();
  for (const [name, schema] of Object.entries(schemas)) {
    if (isObject(schema) && typeof schema.$ref === 'string' && !schema.$ref.startsWith('#')) {
      names.set(refKey(baseDir, schema.$ref), name);
    }
  }

  const fileCache = new Map<string, JsonObject>();
  const loadTarget = (key: string): Json => {
    const [file, pointer = ''] = key.split('#');
    let doc = fileCache.get(file!);
    if (!doc) {
      doc = readYaml(file!);
      fileCache.set(file!, doc);
    }
    return resolvePointer(doc, pointer, key);
  };

  const rewrite = (value: Json, fromFile: string): Json => {
    if (Array.isArray(value)) return value.map((item) => rewrite(item, fromFile));
    if (!isObject(value)) return value;
    const out: JsonObject = {};
    for (const [key, child] of Object.entries(value)) {
      if (key === '$schema' || key === '$defs') continue;
      if (key === '$ref' && typeof child === 'string') {
        out.$ref = rewriteRef(child, fromFile);
        continue;
      }
      out[key] = rewrite(child, fromFile);
    }
    return out;
  };

  const rewriteRef = (ref: string, fromFile: string): string => {
    if (ref.startsWith('#/components/')) return ref;
    const key = ref.startsWith('#') ? `${fromFile}${ref}` : refKey(path.dirname(fromFile), ref);
    const name = names.get(key);
    if (!name) {
      throw new ContractBundleError(
        `schema reference "${ref}" in ${path.relative(process.cwd(), fromFile)} is not registered under components.schemas`,
      );
    }
    return `#/components/schemas/${name}`;
  };

  const bundledSchemas: JsonObject = {};
  for (const [name, schema] of Object.entries(schemas)) {
    if (isObject(schema) && typeof schema.$ref === 'string' && !schema.$ref.startsWith('#')) {
      const key = refKey(baseDir, schema.$ref);
      const [file] = key.split('#');
      const target = loadTarget(key);
      const inlined = rewrite(target, file!);
      if (isObject(inlined)) delete inlined.title;
      bundledSchemas[name] = inlined;
    } else {
      bundledSchemas[name] = rewrite(schema, entryPath);
    }
  }

  const bundled = rewrite(root, entryPath) as JsonObject;
  (bundled.components as JsonObject).schemas = bundledSchemas;
  return bundled;
}

function refKey(dir: string, ref: string): string {
  const [file, pointer] = ref.split('#');
  const absolute = path.resolve(dir, file!);
  return pointer ? `${absolute}#${pointer}` : absolute;
}

function readYaml(file: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ContractBundleError(`cannot read contract file ${file}`, { cause });
  }
  if (!isObject(parsed)) throw new ContractBundleError(`contract file ${file} is not a YAML mapping`);
  return parsed;
}

function resolvePointer(doc: JsonObject, pointer: string, key: string): Json {
  let current: Json = doc;
  for (const raw of pointer.split('/').filter(Boolean)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(current) || !(segment in current)) {
      throw new ContractBundleError(`schema reference ${key} does not exist`);
    }
    current = current[segment]!;
  }
  return current;
}
