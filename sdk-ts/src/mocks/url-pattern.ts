// Turns a contract path template into the RegExp an MSW handler matches request URLs with.

/**
 * The URL pattern of an operation. MSW's string paths use path-to-regexp syntax, where the literal colons of
 * `/v1/runs/{runId}:fork` would read as parameters, so each template becomes an anchored RegExp with one
 * named group per parameter. Parameters exclude `/` and `:`: the SDK percent-encodes both inside values, so
 * `/v1/runs/x:fork` can only be `forkRun`, never `getRun` of a run called `x:fork`. Without `baseUrl` any
 * origin matches.
 *
 * @internal
 */
export function toUrlPattern(pathTemplate: string, baseUrl?: string): RegExp {
  const prefix =
    baseUrl === undefined ? '(?:[a-zA-Z][a-zA-Z\\d+.-]*://[^/]+)?' : escapeRegExp(normalizeBaseUrl(baseUrl));
  const path = pathTemplate
    .split(/(\{[^{}]+\})/)
    .map((part) => {
      const name = /^\{(.+)\}$/.exec(part)?.[1];
      if (name === undefined) return escapeRegExp(part);
      if (!/^[A-Za-z_$][\w$]*$/.test(name)) {
        throw new Error(`path parameter "${name}" of ${pathTemplate} cannot be a RegExp group name`);
      }
      return `(?<${name}>[^/:]+)`;
    })
    .join('');
  return new RegExp(`^${prefix}${path}$`);
}

function normalizeBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

// Parentheses become \x28 and \x29 rather than \( and \): MSW hands the RegExp to path-to-regexp, which
// counts every "(" in the source as a group when it names the parameters.
function escapeRegExp(text: string): string {
  return text
    .replace(/[.*+?^${}|[\]\\/]/g, '\\$&')
    .replace(/\(/g, '\\x28')
    .replace(/\)/g, '\\x29');
}
