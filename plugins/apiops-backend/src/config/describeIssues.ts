import { z } from 'zod';

/** The schema inside optional values, defaults and transforms. */
function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  const def = schema._def as {
    typeName?: z.ZodFirstPartyTypeKind;
    innerType?: z.ZodTypeAny;
    schema?: z.ZodTypeAny;
  };
  switch (def.typeName) {
    case z.ZodFirstPartyTypeKind.ZodOptional:
    case z.ZodFirstPartyTypeKind.ZodNullable:
    case z.ZodFirstPartyTypeKind.ZodDefault:
      return unwrap(def.innerType!);
    case z.ZodFirstPartyTypeKind.ZodEffects:
      return unwrap(def.schema!);
    default:
      return schema;
  }
}

/** The keys the schema knows at a path of the configuration. */
function knownKeysAt(
  schema: z.ZodTypeAny,
  path: ReadonlyArray<string | number>,
): string[] {
  let current = unwrap(schema);
  for (const segment of path) {
    const def = current._def as {
      typeName?: z.ZodFirstPartyTypeKind;
      shape?: () => z.ZodRawShape;
      valueType?: z.ZodTypeAny;
      type?: z.ZodTypeAny;
    };
    let next: z.ZodTypeAny | undefined;
    if (def.typeName === z.ZodFirstPartyTypeKind.ZodObject) {
      next = def.shape!()[segment];
    } else if (def.typeName === z.ZodFirstPartyTypeKind.ZodRecord) {
      next = def.valueType;
    } else if (def.typeName === z.ZodFirstPartyTypeKind.ZodArray) {
      next = def.type;
    }
    if (!next) {
      return [];
    }
    current = unwrap(next);
  }
  const def = current._def as {
    typeName?: z.ZodFirstPartyTypeKind;
    shape?: () => z.ZodRawShape;
  };
  return def.typeName === z.ZodFirstPartyTypeKind.ZodObject
    ? Object.keys(def.shape!())
    : [];
}

/** Edit distance of two strings (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The known key an unknown one was probably meant to be: the closest one
 * (ignoring case), if it is close enough to be a typo.
 */
function closestKey(key: string, known: readonly string[]): string | undefined {
  const typed = key.toLocaleLowerCase('en-US');
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 4)) + 1;
  for (const candidate of known) {
    const distance = editDistance(typed, candidate.toLocaleLowerCase('en-US'));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** A path of the configuration as app-config spells it: `apiops.a.b[0]`. */
function configKey(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>(
    (key, segment) =>
      typeof segment === 'number' ? `${key}[${segment}]` : `${key}.${segment}`,
    'apiops',
  );
}

/**
 * One line per problem of `apiops` against its schema, each naming the full
 * key at fault (and for an unknown key, the known key it was probably meant
 * to be).
 */
export function describeIssues(
  schema: z.ZodTypeAny,
  issues: readonly z.ZodIssue[],
): string[] {
  return issues.flatMap(issue => {
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      const known = knownKeysAt(schema, issue.path);
      return issue.keys.map(key => {
        const meant = closestKey(key, known);
        const hint = meant
          ? `; did you mean ${configKey([...issue.path, meant])}?`
          : `; the known keys are ${known.join(', ')}`;
        return `${configKey([
          ...issue.path,
          key,
        ])} is not a known setting${hint}`;
      });
    }
    // The schema's own messages are predicates: "must be …".
    if (/^[a-z]/.test(issue.message)) {
      return [`${configKey(issue.path)} ${issue.message}`];
    }
    if (issue.code === z.ZodIssueCode.invalid_type) {
      const expected = /^[aeiou]/.test(issue.expected)
        ? `an ${issue.expected}`
        : `a ${issue.expected}`;
      return [
        `${configKey(issue.path)} must be ${expected}, got ${issue.received}`,
      ];
    }
    return [`${configKey(issue.path)}: ${issue.message}`];
  });
}
