/** Shows a failed request; stays visible until the next successful fetch. */
export function ErrorBanner({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);
  return (
    <div className="banner banner-error" role="alert">
      <strong>Could not load data.</strong> {message}
    </div>
  );
}
