/** What a shown email may do: inline styles and data: images only, like its route's CSP. */
const EMAIL_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'";

/**
 * The email's HTML prepared for a sandboxed `srcdoc` frame: links open in the whole tab
 * (`<base target="_top">`: the sign-in link must set its cookie at top level, not in a frame)
 * and the route's content policy is kept as a meta tag, since a `srcdoc` has no headers.
 * Pure, so it is tested without a browser.
 *
 * @example emailFrameDocument('<html><head></head>…') // '<html><head><base target="_top">…'
 */
export function emailFrameDocument(html: string): string {
  const head = `<meta http-equiv="Content-Security-Policy" content="${EMAIL_CSP}"><base target="_top">`;
  const match = /<head[^>]*>/i.exec(html);
  if (!match) return `${head}${html}`;
  const at = match.index + match[0].length;
  return html.slice(0, at) + head + html.slice(at);
}

/**
 * One email as the buyer would see it, in a frame that can run no script and reach no other
 * page; only a click on a link (user activation) may navigate the tab.
 */
export function EmailFrame({ html, subject }: { html: string; subject: string }) {
  return (
    <iframe
      class="email-frame"
      title={`Email: ${subject}`}
      sandbox="allow-top-navigation-by-user-activation"
      srcDoc={emailFrameDocument(html)}
    />
  );
}
