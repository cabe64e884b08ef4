/**
 * Saves `blob` as a file named `filename` (an object URL and a temporary `download` link), for
 * files fetched with an Authorization header, which a plain link cannot send.
 *
 * @example downloadBlob(await admin.exportOrdersCsv(key, 'demo-arena'), 'demo-arena-orders.csv')
 */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
