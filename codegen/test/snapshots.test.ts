import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleContract } from '../bundle/bundle.ts';
import { readRunEvents, renderEvents } from '../events/generate.ts';
import { renderMockOperations } from '../msw/generate.ts';
import { renderRoutes } from '../routes/generate.ts';

const fixtureDir = path.join(import.meta.dirname, 'fixture');
const contract = bundleContract(path.join(fixtureDir, 'openapi.yaml'));

describe('generators on the fixture contract', () => {
  it.each([
    ['routes', () => renderRoutes(contract)],
    ['msw', () => renderMockOperations(contract)],
    ['events', () => renderEvents(readRunEvents(path.join(fixtureDir, 'asyncapi.yaml')), './types.gen.js')],
  ])('renders %s exactly as the committed snapshot', async (name, render) => {
    const output = await render();
    await expect(output).toMatchFileSnapshot(path.join(fixtureDir, '__snapshots__', `${name}.gen.ts.snap`));
    expect(await render()).toBe(output);
  });

  it('refuses an operation whose success response has content but no example', async () => {
    const broken = structuredClone(contract) as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { examples?: unknown }> }> }>
      >;
    };
    delete broken.paths['/v1/things/{thingId}']!.get!.responses['200']!.content!['application/json']!.examples;
    await expect(renderMockOperations(broken)).rejects.toThrow(/no example/);
  });
});
