/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * A complete, self-contained email document (inline styles only, as mail clients want) around
 * `bodyHtml`, which the caller has escaped already.
 * @example mailDocument('Your tickets', `<p>${escapeHtml(name)}</p>`)
 */
export function mailDocument(title: string, bodyHtml: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    '</head>',
    '<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a">',
    `<h1 style="font-size:1.4rem">${escapeHtml(title)}</h1>`,
    bodyHtml,
    '<p style="color:#666;font-size:.85rem;margin-top:2rem">Floodgate tickets</p>',
    '</body></html>',
  ].join('\n');
}

/** A link styled as a button. */
export function mailButton(href: string, label: string): string {
  return `<p><a href="${escapeHtml(href)}" style="display:inline-block;padding:.6rem 1.2rem;background:#1f4fd1;color:#fff;border-radius:.4rem;text-decoration:none">${escapeHtml(label)}</a></p>`;
}
