// Placeholder values a vendor's example leaves for the reader to fill in:
// `<YOUR_SITE_URL>`, `{{title}}`, `[your app]`, `YOUR_APP_NAME`, and `{var}`
// template variables inside a longer value (`https://{resource}.openai.azure.com`).
// The extractor warns about them (placeholder_header); the registry refuses
// to store them. A `${NAME}` reference is not a placeholder: it names a variable.

/** The whole value is a placeholder. */
const WHOLE = /^\s*(<[^>]*>|\{\{?[^}]*\}\}?|\[[^\]]*\]|YOUR[-_][\w-]*)\s*$/i;
/** A `{var}` / `{{var}}` / `<var>` inside a value, not a `${NAME}` reference. */
const INNER = /(?<!\$)\{\{?\s*[A-Za-z_][\w.-]*\s*\}\}?|<[A-Za-z_][\w .-]*>/;

export function isPlaceholderValue(v: string): boolean {
  return WHOLE.test(v);
}

/** The placeholder in a value (whole or inside), or null. */
export function findPlaceholder(v: string): string | null {
  if (WHOLE.test(v)) return v.trim();
  const m = INNER.exec(v);
  return m ? m[0] : null;
}
