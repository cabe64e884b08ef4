import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { EmailFrame, emailFrameDocument } from './email-frame';

describe('email frame', () => {
  it('makes links open in the whole tab and keeps the no-script policy, right after <head>', () => {
    const doc = emailFrameDocument(
      '<!doctype html><html><head><title>x</title></head><body><a href="/a">a</a></body></html>',
    );
    expect(doc).toMatch(
      /^<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*"><base target="_top"><title>/,
    );
    expect(doc).toContain('<a href="/a">a</a>');
  });

  it('still adds both to a fragment without a head', () => {
    expect(emailFrameDocument('<p>hi</p>')).toMatch(/^<meta [^>]+><base target="_top"><p>hi<\/p>$/);
  });

  it('renders a sandbox that allows no script and only user-initiated top navigation', () => {
    const html = renderToString(<EmailFrame html="<p>hi</p>" subject="Your link" />);
    expect(html).toContain('sandbox="allow-top-navigation-by-user-activation"');
    expect(html).toContain('title="Email: Your link"');
    expect(html).not.toContain('allow-scripts');
    expect(html).not.toContain('allow-same-origin');
  });
});
