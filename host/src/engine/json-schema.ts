/** The one way the host builds a JSON Schema (2020-12) validator: Ajv with the standard formats. */
import { Ajv2020, type Options } from 'ajv/dist/2020.js';
import addFormatsImport from 'ajv-formats';

// ajv-formats is CommonJS; depending on the loader its default export arrives directly or as `.default`.
type AddFormats = typeof addFormatsImport.default;
const addFormats: AddFormats =
  (addFormatsImport as unknown as { default?: AddFormats }).default ?? (addFormatsImport as unknown as AddFormats);

/** A 2020-12 Ajv instance (non-strict, so unknown keywords and formats in user schemas are tolerated) with formats. */
export function createAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, ...options });
  addFormats(ajv);
  return ajv;
}
