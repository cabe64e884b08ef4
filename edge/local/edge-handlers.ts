import type { ViewerRequestEvent } from './cff-event';
import type { OriginRequestEvent } from './lambda-edge-event';

/**
 * A viewer-request CloudFront Function, already wrapped by its runner (e.g. the cloudfront-js-2.0
 * sandbox): takes the event, returns the request to continue with or a response.
 */
export type ViewerRequestHandler = (event: ViewerRequestEvent) => Promise<unknown>;

/** The Lambda context the local edge passes (the fields handlers commonly read). */
export interface LocalLambdaContext {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly awsRequestId: string;
  readonly memoryLimitInMB: string;
  readonly callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
}

/**
 * An origin-request Lambda@Edge handler, e.g. `handle(app)` from `hono/lambda-edge`: returns a
 * generated response or the request to forward (or reports either through `callback`).
 */
export type OriginRequestHandler = (
  event: OriginRequestEvent,
  context: LocalLambdaContext,
  callback: (err: Error | null, result?: unknown) => void,
) => Promise<unknown>;

/** Calls a Lambda handler that may answer by returning or through the callback. */
export async function invokeLambda(
  handler: OriginRequestHandler,
  event: OriginRequestEvent,
  name: string,
  requestId: string,
): Promise<unknown> {
  const startedAt = Date.now();
  const context: LocalLambdaContext = {
    functionName: `us-east-1.floodgate-${name}`,
    functionVersion: '1',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:us-east-1.floodgate-${name}:1`,
    awsRequestId: requestId,
    memoryLimitInMB: '128',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, 30_000 - (Date.now() - startedAt)),
  };
  let fromCallback: { err: Error | null; result?: unknown } | undefined;
  const returned = await handler(event, context, (err, result) => {
    fromCallback ??= { err, result };
  });
  if (fromCallback?.err) throw fromCallback.err;
  return returned ?? fromCallback?.result;
}
