import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach } from 'vitest';

/**
 * The element a happy-dom component test renders into. It is attached to `document.body` before
 * each test and, after each, unmounted inside `act` (so effect cleanups run) and detached, so no
 * test sees another's tree. Call it at the top level of a test file, after the file's own
 * `beforeEach`/`afterEach`: after-hooks run last-registered first, so the tree is unmounted
 * before the file's own clean-up (real timers, cleared stores) runs.
 * @example
 * const root = testRoot();
 * it('shows the title', () => {
 *   act(() => render(<Title text="Hi" />, root));
 *   expect(root.textContent).toBe('Hi');
 * });
 */
export function testRoot(): HTMLElement {
  const root = document.createElement('div');
  beforeEach(() => {
    document.body.append(root);
  });
  afterEach(() => {
    act(() => render(null, root));
    root.remove();
  });
  return root;
}
