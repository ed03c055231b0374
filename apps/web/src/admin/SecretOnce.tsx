/** A token or key shown once, right after it was made. */
export function SecretOnce({ label, secret }: { label: string; secret: string | null }) {
  if (!secret) return null;
  return (
    <div className="banner banner-info secret-once" role="status">
      <strong>{label}</strong> (shown once — copy it now): <code className="secret">{secret}</code>
    </div>
  );
}
