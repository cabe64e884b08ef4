import { expect } from 'vitest';

// biome-ignore lint/suspicious/noExplicitAny: response bodies in tests are read loosely; each assertion checks the shape it needs
export type LooseJson = Record<string, any>;

/** Asserts a status, failing with the response body in the message; returns the parsed JSON. */
export async function expectStatus<T = LooseJson>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, `expected ${status}, got ${res.status}: ${text}`).toBe(status);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Asserts the one error shape with a given code and status. */
export async function expectError(res: Response, status: number, code: string): Promise<LooseJson> {
  const body = await expectStatus(res, status);
  expect(body, JSON.stringify(body)).toMatchObject({
    error: { code, message: expect.any(String), requestId: expect.any(String) },
  });
  return body;
}

/** JSON request init with optional headers. */
export function jsonInit(
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  };
}
