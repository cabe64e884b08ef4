import { handle } from 'hono/lambda-edge';
import { createWaitingRoomApp, type WaitingRoomOptions } from './app';
import { bundledConfig, type EdgeBundledConfig } from './bundled-config';
import { createMemoryRoomStore } from './store/memory';
import type { RoomStore } from './store/types';
import { createUpstashRoomStore } from './store/upstash';

/**
 * Wraps a waiting-room app as a Lambda@Edge origin-request handler (CloudFront event in,
 * generated response out). The local edge uses this with its own store, shared with the origin.
 */
export function createWaitingRoomHandler(options: WaitingRoomOptions) {
  return handle(createWaitingRoomApp(options));
}

/** The room store the bundled config names; without Upstash, a memory room for the demo event. */
export function storeFromConfig(config: EdgeBundledConfig): RoomStore {
  if (config.upstash)
    return createUpstashRoomStore({ ...config.upstash, prefix: config.keyPrefix });
  const store = createMemoryRoomStore();
  void store.configure('demo-arena', {});
  return store;
}

/** The deployed entry point (CDK: `handler.handler`), configured from the bundle. */
export const handler = createWaitingRoomHandler({
  store: storeFromConfig(bundledConfig),
  keys: bundledConfig.keys,
  joinRateLimit: bundledConfig.joinRateLimit,
});
