import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { describe, expect, it } from 'vitest';
import { createCloudFrontInvalidator } from './cloudfront';
import { createLocalInvalidator } from './local';
import { catalogPaths } from './types';

describe('CDN invalidators', () => {
  it('names the catalog list and every page of the event', () => {
    expect(catalogPaths('demo-arena')).toEqual([
      '/api/catalog/events',
      '/api/catalog/events/demo-arena*',
    ]);
  });

  it('local: POSTs the paths to the edge’s invalidation endpoint, and fails on an error answer', async () => {
    const seen: { url?: string; body: string }[] = [];
    let status = 201;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        seen.push({ url: `${req.method} ${req.url}`, body });
        res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await createLocalInvalidator(url).invalidate(['/api/catalog/events']);
      expect(seen).toEqual([
        { url: 'POST /_edge/invalidations', body: '{"paths":["/api/catalog/events"]}' },
      ]);
      status = 500;
      await expect(createLocalInvalidator(url).invalidate(['/x'])).rejects.toThrow(/500/);
      let edge: string | undefined;
      const lazy = createLocalInvalidator(() => edge);
      await lazy.invalidate(['/y']); // no edge yet: nothing sent
      expect(seen).toHaveLength(2);
      edge = url;
      status = 201;
      await lazy.invalidate(['/y']);
      expect(seen).toHaveLength(3);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('cloudfront: sends CreateInvalidation for the distribution with every path', async () => {
    const sent: CreateInvalidationCommand[] = [];
    const invalidator = createCloudFrontInvalidator({
      distributionId: 'E2ABCDEF123456',
      client: {
        async send(command) {
          sent.push(command);
          return {};
        },
      },
    });
    await invalidator.invalidate(catalogPaths('ev'));
    expect(sent[0]?.input).toMatchObject({
      DistributionId: 'E2ABCDEF123456',
      InvalidationBatch: {
        CallerReference: expect.stringMatching(/^floodgate-/),
        Paths: { Quantity: 2, Items: ['/api/catalog/events', '/api/catalog/events/ev*'] },
      },
    });
  });
});
