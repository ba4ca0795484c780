/** The longest `before` / `after` value kept of a change. */
const VALUE_MAX = 200;

/**
 * A path of the differ as a JSON path: `$.paths['/pets'].get`.
 *
 * @internal
 */
export function jsonPathOf(path: ReadonlyArray<string | number>): string {
  let out = '$';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) out += `.${segment}`;
    else out += `['${segment.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
  }
  return out;
}

/** A value for display: JSON, at most {@link VALUE_MAX} characters. */
export function shorten(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  let text: string;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  } catch {
    text = String(value);
  }
  return text.length > VALUE_MAX ? `${text.slice(0, VALUE_MAX - 1)}…` : text;
}
