import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { NormalisedEncoding } from './cache-key';
import type { EdgeResponse } from './http-types';
import { headerValue } from './http-types';

const COMPRESSIBLE =
  /^(text\/|application\/(json|javascript|xml|manifest\+json|ld\+json|wasm)|image\/svg\+xml|font\/(ttf|otf))/i;

/** CloudFront compresses bodies from 1,000 to 10,000,000 bytes. */
export const MIN_COMPRESS_BYTES = 1000;
export const MAX_COMPRESS_BYTES = 10_000_000;

/**
 * CloudFront's automatic compression: when the behaviour compresses, the viewer's normalised
 * `Accept-Encoding` allows it, the content type is compressible, the body is 1 KB–10 MB and the
 * origin did not encode it already. Brotli wins over gzip; a strong `ETag` becomes weak.
 */
export function compressResponse(
  res: EdgeResponse,
  encoding: NormalisedEncoding | undefined,
): EdgeResponse {
  if (!encoding || res.status === 206 || res.status === 304) return res;
  if (headerValue(res, 'content-encoding')) return res;
  const size = res.body.length;
  if (size < MIN_COMPRESS_BYTES || size > MAX_COMPRESS_BYTES) return res;
  if (!COMPRESSIBLE.test(headerValue(res, 'content-type') ?? '')) return res;
  const useBrotli = encoding.startsWith('br');
  const body = useBrotli
    ? brotliCompressSync(res.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
    : gzipSync(res.body);
  const headers: Record<string, string | readonly string[]> = {
    ...res.headers,
    'content-encoding': useBrotli ? 'br' : 'gzip',
    vary: mergeVary(headerValue(res, 'vary')),
  };
  const etag = headerValue(res, 'etag');
  if (etag && !etag.startsWith('W/')) headers.etag = `W/${etag}`;
  return { ...res, headers, body };
}

function mergeVary(vary: string | undefined): string {
  if (!vary) return 'Accept-Encoding';
  return /accept-encoding/i.test(vary) ? vary : `${vary}, Accept-Encoding`;
}
