import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthTestApp } from '../testing/test-app';

const { state, origin, pipeline, observability } = synthTestApp();

/**
 * Content hashes change with any byte of any asset (the origin image context, bundles, the web
 * build); they say nothing about the infrastructure, so they are replaced by placeholders.
 */
function scrubAssetHashes(template: unknown): unknown {
  const text = JSON.stringify(template)
    .replace(/[0-9a-f]{64}/g, '<asset-hash>')
    .replace(/(CurrentVersion[0-9A-F]{8})[0-9a-f]{32}/g, '$1<code-hash>');
  return JSON.parse(text);
}

describe('synthesized templates', () => {
  // The edge stack is left out on purpose: its distribution is checked behaviour by behaviour
  // against edge/behaviours.ts (distribution.test.ts) and its function code changes with edge/.
  it('match the reviewed snapshot (state, origin, pipeline, observability); update with -u after reviewing the diff', () => {
    const templates = Object.fromEntries(
      [state, origin, pipeline, observability].map((stack) => [
        stack.stackName,
        scrubAssetHashes(Template.fromStack(stack).toJSON()),
      ]),
    );
    expect(JSON.stringify(templates)).not.toMatch(/[0-9a-f]{64}/);
    expect(templates).toMatchSnapshot();
  });
});
