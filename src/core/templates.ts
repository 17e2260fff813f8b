/**
 * Message templates are text with `{{name}}` placeholders, never code: the
 * team lead writes them in a YAML file and clients read the result.
 */

/** `{{name}}` with optional spaces inside the braces: `{{ name }}`. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Replaces each `{{name}}` in `template` with `vars[name]`.
 *
 * A placeholder with no value is left as written, so a typo shows up in the
 * comment instead of silently vanishing. Replacement is a single pass: a value
 * that itself contains `{{x}}` (an issue title, say) is inserted verbatim and
 * never expanded, and `$` patterns in values have no special meaning.
 */
export function renderTemplate(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (placeholder, name: string) =>
    // hasOwn, so that "{{constructor}}" does not reach Object.prototype.
    Object.hasOwn(vars, name) ? (vars[name] ?? placeholder) : placeholder,
  );
}
