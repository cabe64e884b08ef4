import nodeCrypto from 'node:crypto';
import querystring from 'node:querystring';
import v8 from 'node:v8';
import vm from 'node:vm';
import { findForbiddenSyntax } from '../viewer-request/forbidden-syntax';

/**
 * Runs a CloudFront Function locally under the cloudfront-js-2.0 limits, so what passes here
 * has a fair chance on CloudFront: code ≤ 10 KB and free of unsupported syntax; no eval or
 * Function constructor (code generation is disabled in the context); no timers, fetch, process;
 * `require` only `crypto` (createHash/createHmac with md5|sha1|sha256), `querystring`, `buffer`;
 * `import cf from 'cloudfront'` with a KeyValueStore whose `get` throws on a missing key;
 * `console.log` with one argument; a time limit per invocation that covers the function's
 * promise jobs too (the context runs its microtasks inside the timed evaluation); `Date` frozen
 * at the invocation's start (`Date.now()` and `new Date()` do not move while it runs).
 * Memory is bounded best-effort: an invocation runs synchronously, so the heap growth across it
 * is at most what it allocated; growth past `memoryLimitBytes` fails the invocation. V8 may
 * collect garbage mid-run, so a function that churns through short-lived garbage can slip by;
 * one that keeps more than the limit alive cannot.
 */
export interface CloudFrontFunctionRunnerOptions {
  /** The compiled function (a script defining a global `handler`). */
  code: string;
  /** KeyValueStore contents. */
  kvs: Record<string, string>;
  /**
   * Per invocation, default 250 ms. CloudFront allows about a millisecond of compute; locally
   * the limit catches runaway loops without failing a cold, busy test machine. 0 turns the limit
   * off (no watchdog thread per call, ~0.2 ms): only for benchmarks of the function's own cost.
   */
  timeoutMs?: number;
  /** Receives each console.log line (default: dropped). */
  onLog?: (line: string) => void;
  /** The clock whose reading `Date` is frozen at for each invocation (epoch ms; default Date.now). */
  now?: () => number;
  /** Heap growth allowed per invocation; default 2 MB, CloudFront's function memory limit. */
  memoryLimitBytes?: number;
}

export type CloudFrontFunctionResult = Record<string, unknown>;

export const MAX_CODE_BYTES = 10 * 1024;
/** CloudFront's memory limit per function. */
export const MAX_MEMORY_BYTES = 2 * 1024 * 1024;
const HASHES = ['md5', 'sha1', 'sha256'];
const ENCODINGS = ['hex', 'base64', 'base64url'];
const IMPORT_CF = /^\s*import\s+([A-Za-z_$][\w$]*)\s+from\s+['"]cloudfront['"];?/m;

function checkAlgorithm(alg: unknown): string {
  if (typeof alg !== 'string' || !HASHES.includes(alg)) {
    throw new Error(`crypto: unsupported algorithm ${String(alg)} (md5, sha1, sha256 only)`);
  }
  return alg;
}

/** The crypto module of cloudfront-js-2.0: synchronous hashes and HMACs, nothing else. */
function restrictedCrypto() {
  const wrap = (hash: nodeCrypto.Hash | nodeCrypto.Hmac) => {
    const api = {
      update(data: string | Uint8Array) {
        hash.update(data);
        return api;
      },
      digest(encoding?: string) {
        if (encoding === undefined) return hash.digest();
        if (!ENCODINGS.includes(encoding))
          throw new Error(`crypto: unsupported encoding ${encoding}`);
        return hash.digest(encoding as nodeCrypto.BinaryToTextEncoding);
      },
    };
    return api;
  };
  return Object.freeze({
    createHash: (alg: unknown) => wrap(nodeCrypto.createHash(checkAlgorithm(alg))),
    createHmac: (alg: unknown, key: string | Uint8Array) =>
      wrap(nodeCrypto.createHmac(checkAlgorithm(alg), key)),
  });
}

/** Defines `cf` inside the context, so its promises belong to the context's microtask queue. */
const CF_MODULE = `(function (data) {
  function kvs() {
    return {
      get: function (key, options) {
        if (!Object.prototype.hasOwnProperty.call(data, key)) {
          return Promise.reject(new Error('KeyValueStore: key not found: ' + key));
        }
        var value = data[key];
        var format = options && options.format;
        if (format === 'json') return Promise.resolve(JSON.parse(value));
        if (format === 'bytes') return Promise.resolve(new TextEncoder().encode(value));
        return Promise.resolve(value);
      },
      exists: function (key) { return Promise.resolve(Object.prototype.hasOwnProperty.call(data, key)); }
    };
  }
  return Object.freeze({ kvs: kvs });
})`;

/**
 * Replaces the context's `Date` with one whose clock stands still: cloudfront-js-2.0 freezes
 * time for an invocation. Returns the setter the runner calls before each invocation.
 */
const FROZEN_DATE = `(function (global) {
  var RealDate = global.Date;
  var frozen = RealDate.now();
  function Date() {
    if (!new.target) return new RealDate(frozen).toString();
    var args = arguments.length === 0 ? [frozen] : Array.prototype.slice.call(arguments);
    return Reflect.construct(RealDate, args, new.target);
  }
  Date.prototype = RealDate.prototype;
  Date.now = function now() { return frozen; };
  Date.parse = RealDate.parse;
  Date.UTC = RealDate.UTC;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: Date });
  Object.defineProperty(global, 'Date', { value: Date, writable: false, configurable: false });
  return function (t) { frozen = t; };
})`;

const RUN = `(function (handler, eventJson) {
  var out = { done: false };
  Promise.resolve()
    .then(function () { return handler(JSON.parse(eventJson)); })
    .then(function (value) { out.done = true; out.value = JSON.stringify(value); },
          function (error) { out.done = true; out.error = String(error && error.stack || error); });
  return out;
})`;

/**
 * Compiles `code` once and returns an invoker.
 * @example const run = createCloudFrontFunctionRunner({ code: compileViewerRequestFunction(), kvs: { 'kid:k1': secret } });
 * const result = await run(event); // the request to forward, or a response
 */
export function createCloudFrontFunctionRunner(
  options: CloudFrontFunctionRunnerOptions,
): (event: unknown) => Promise<CloudFrontFunctionResult> {
  const size = Buffer.byteLength(options.code, 'utf8');
  if (size > MAX_CODE_BYTES) {
    throw new Error(`CloudFront Function is ${size} bytes; the limit is ${MAX_CODE_BYTES}`);
  }
  const forbidden = findForbiddenSyntax(options.code);
  if (forbidden.length > 0) {
    throw new Error(`CloudFront Function uses unsupported syntax: ${forbidden.join(', ')}`);
  }
  const timeout = options.timeoutMs ?? 250;
  const limits = timeout > 0 ? { timeout } : {};
  // Loading the script is not an invocation: a short per-call limit must not fail a busy machine.
  const loadLimits = timeout > 0 ? { timeout: Math.max(timeout, 2_000) } : {};
  const modules: Record<string, unknown> = {
    crypto: restrictedCrypto(),
    querystring: Object.freeze({ ...querystring }),
    buffer: Object.freeze({ Buffer }),
  };
  const sandbox: Record<string, unknown> = {
    console: Object.freeze({
      log(...args: unknown[]) {
        if (args.length !== 1) throw new TypeError('console.log takes exactly one argument');
        const line = typeof args[0] === 'string' ? args[0] : JSON.stringify(args[0]);
        options.onLog?.(String(line).slice(0, 10 * 1024));
      },
    }),
    require(name: string) {
      if (!Object.hasOwn(modules, name)) throw new Error(`Cannot find module '${name}'`);
      return modules[name];
    },
    Buffer,
    TextEncoder,
    TextDecoder,
    atob,
    btoa,
  };
  const context = vm.createContext(sandbox, {
    codeGeneration: { strings: false, wasm: false },
    microtaskMode: 'afterEvaluate',
  });
  const freezeDate = new vm.Script(FROZEN_DATE).runInContext(context)(
    vm.runInContext('globalThis', context),
  ) as (t: number) => void;
  const now = options.now ?? Date.now;
  const memoryLimit = options.memoryLimitBytes ?? MAX_MEMORY_BYTES;
  const cf = new vm.Script(CF_MODULE).runInContext(context)(
    JSON.parse(JSON.stringify(options.kvs)),
  );
  const source = options.code.replace(
    IMPORT_CF,
    (_m, name: string) => `var ${name} = __cloudfront;`,
  );
  Object.defineProperty(sandbox, '__cloudfront', { value: cf });
  new vm.Script(source, { filename: 'cloudfront-function.js' }).runInContext(context, loadLimits);
  const handler = vm.runInContext('typeof handler === "function" ? handler : undefined', context);
  if (!handler) throw new Error('CloudFront Function must define a global function named handler');
  const run = new vm.Script(RUN).runInContext(context);
  const invoke = new vm.Script('__invoke()');

  return async (event) => {
    let out: { done: boolean; value?: string; error?: string };
    const eventJson = JSON.stringify(event);
    sandbox.__invoke = () => run(handler, eventJson);
    freezeDate(now());
    const heapBefore = v8.getHeapStatistics().used_heap_size;
    let grown = 0;
    try {
      out = invoke.runInContext(context, limits);
      grown = v8.getHeapStatistics().used_heap_size - heapBefore;
    } catch (error) {
      // vm errors come from another realm: test the message, not instanceof.
      if (/timed out/.test(String((error as { message?: unknown })?.message))) {
        throw new Error(`CloudFront Function exceeded its time limit (${timeout} ms)`);
      }
      throw error;
    }
    if (grown > memoryLimit) {
      throw new Error(
        `CloudFront Function exceeded its memory limit (${grown} bytes allocated, ${memoryLimit} allowed)`,
      );
    }
    if (!out.done)
      throw new Error(
        'CloudFront Function did not finish (it awaited something that never settles)',
      );
    if (out.error !== undefined) throw new Error(`CloudFront Function threw: ${out.error}`);
    return out.value === undefined ? {} : (JSON.parse(out.value) as CloudFrontFunctionResult);
  };
}
