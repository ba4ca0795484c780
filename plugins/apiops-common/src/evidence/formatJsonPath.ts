const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * A path into a document as a JSON path: `['paths', '/pets', 'get']` →
 * `$.paths['/pets'].get`; array indexes as `[0]`.
 *
 * @public
 */
export function formatJsonPath(path: ReadonlyArray<string | number>): string {
  let text = '$';
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
    } else if (IDENTIFIER.test(segment)) {
      text += `.${segment}`;
    } else {
      text += `['${segment.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
    }
  }
  return text;
}
