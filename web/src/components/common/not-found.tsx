/** The page for a URL the storefront does not know (or a page turned off, like the mailbox in production). */
export function NotFound() {
  return (
    <main class="page">
      <h1>Not found</h1>
      <p>
        <a href="/">See all events</a>
      </p>
    </main>
  );
}
