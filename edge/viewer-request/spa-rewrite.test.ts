import { describe, expect, it } from 'vitest';
import { createCloudFrontFunctionRunner } from '../local/cff-sandbox';
import { compileSpaRewriteFunction } from './compile';

const run = createCloudFrontFunctionRunner({ code: compileSpaRewriteFunction(), kvs: {} });
const uriAfter = async (uri: string) => {
  const result = await run({ request: { method: 'GET', uri, headers: {}, cookies: {} } });
  return (result as { uri: string }).uri;
};

describe('spa-rewrite CloudFront Function (in the cloudfront-js-2.0 sandbox)', () => {
  it.each([
    ['/', '/index.html'],
    ['/events/demo-arena', '/index.html'],
    ['/checkout/', '/index.html'],
    ['/organizer/events/demo-arena/stats', '/index.html'],
  ])('rewrites the app path %s to %s', async (uri, expected) => {
    expect(await uriAfter(uri)).toBe(expected);
  });

  it.each(['/index.html', '/favicon.ico', '/robots.txt', '/assets/app-1a2b3c.js', '/v1.2/x.json'])(
    'leaves the file path %s unchanged',
    async (uri) => {
      expect(await uriAfter(uri)).toBe(uri);
    },
  );

  it('keeps the rest of the request (headers, cookies, query string) as it was', async () => {
    const request = {
      method: 'GET',
      uri: '/events/x',
      querystring: { a: { value: '1' } },
      headers: { accept: { value: 'text/html' } },
      cookies: { fg_ticket: { value: 't' } },
    };
    expect(await run({ request })).toEqual({ ...request, uri: '/index.html' });
  });
});
