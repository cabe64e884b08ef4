/**
 * CloudFront Function (viewer-request, runtime cloudfront-js-2.0) on the default behaviour `*`:
 * the storefront is a single-page app, so a page path without a file extension
 * (`/events/demo-arena`, `/checkout/`) is rewritten to `/index.html` before the cache lookup.
 * Files (`/favicon.ico`, `/robots.txt`) pass through unchanged, so a missing file stays a 404.
 *
 * Why a function and not a custom error response: CloudFront custom error responses apply to the
 * whole distribution, so an API 404 from `/api/*` would become index.html. A function on the
 * default behaviour only touches storefront paths. All app paths share one cached index.html.
 *
 * Written for the cloudfront-js-2.0 subset (see check-access-token.ts); compile.ts strips types.
 */

interface SpaEvent {
  request: { uri: string };
}

export function handler(event: SpaEvent) {
  const request = event.request;
  const uri = request.uri;
  const lastSegment = uri.slice(uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}
