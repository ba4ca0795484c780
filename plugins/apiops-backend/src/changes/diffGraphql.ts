import type { ApiChange } from '@apiops-backstage/plugin-apiops-common';
import {
  DocumentNode,
  GraphQLNamedType,
  GraphQLSchema,
  Kind,
  buildASTSchema,
  findBreakingChanges,
  findDangerousChanges,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import { jsonPathOf } from './jsonPath';

const ROOTS = ['Query', 'Mutation', 'Subscription'];

function schemaOf(document: DocumentNode): GraphQLSchema {
  return buildASTSchema(document, { assumeValidSDL: true });
}

/** Fields (and enum values) of a named type, with description and deprecation. */
function membersOf(
  type: GraphQLNamedType,
): Map<string, { description?: string | null; deprecated?: string | null }> {
  const out = new Map<
    string,
    { description?: string | null; deprecated?: string | null }
  >();
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      out.set(field.name, {
        description: field.description,
        deprecated:
          'deprecationReason' in field ? field.deprecationReason : undefined,
      });
    }
  } else if (isEnumType(type)) {
    for (const value of type.getValues()) {
      out.set(value.name, {
        description: value.description,
        deprecated: value.deprecationReason,
      });
    }
  }
  return out;
}

function userTypes(schema: GraphQLSchema): Map<string, GraphQLNamedType> {
  return new Map(
    Object.entries(schema.getTypeMap()).filter(
      ([name]) => !name.startsWith('__'),
    ),
  );
}

/** `Type.field` of a root type is an operation. */
function operationOf(typeName: string, field?: string): string | undefined {
  return field !== undefined && ROOTS.includes(typeName)
    ? `${typeName}.${field}`
    : undefined;
}

function change(
  cls: ApiChange['class'],
  action: ApiChange['action'],
  description: string,
  typeName: string,
  field?: string,
): ApiChange {
  const operation = operationOf(typeName, field);
  return {
    class: cls,
    action,
    path: jsonPathOf(
      field === undefined
        ? ['types', typeName]
        : ['types', typeName, 'fields', field],
    ),
    ...(operation ? { operation } : {}),
    description,
  };
}

/** `Type.field` (or `Type`) a graphql-js change description starts with. */
function subjectOf(description: string): [string, string | undefined] {
  const match = /^([_A-Za-z][_0-9A-Za-z]*)(?:\.([_A-Za-z][_0-9A-Za-z]*))?/.exec(
    description,
  );
  return match ? [match[1], match[2]] : ['schema', undefined];
}

function actionOfType(type: string): ApiChange['action'] {
  if (type.endsWith('_REMOVED') || type.includes('REMOVED_FROM'))
    return 'remove';
  if (type.endsWith('_ADDED') || type.includes('ADDED_TO')) return 'add';
  return 'replace';
}

/**
 * Two GraphQL SDL schemas compared: the breaking and dangerous changes as
 * graphql-js finds them (`findBreakingChanges`, `findDangerousChanges`; a
 * dangerous change is listed as non-breaking, its description says so),
 * then the additions, new deprecations and description changes.
 *
 * @internal
 */
export function diffGraphql(
  beforeDoc: DocumentNode,
  afterDoc: DocumentNode,
): ApiChange[] {
  const before = schemaOf(beforeDoc);
  const after = schemaOf(afterDoc);
  const out: ApiChange[] = [];
  const reported = new Set<string>();
  for (const found of findBreakingChanges(before, after)) {
    const [typeName, field] = subjectOf(found.description);
    reported.add(`${typeName}.${field ?? ''}`);
    out.push(
      change(
        'breaking',
        actionOfType(found.type),
        found.description,
        typeName,
        field,
      ),
    );
  }
  for (const found of findDangerousChanges(before, after)) {
    const [typeName, field] = subjectOf(found.description);
    reported.add(`${typeName}.${field ?? ''}`);
    out.push(
      change(
        'non-breaking',
        actionOfType(found.type),
        `Dangerous: ${found.description}`,
        typeName,
        field,
      ),
    );
  }
  const beforeTypes = userTypes(before);
  for (const [name, type] of userTypes(after)) {
    const old = beforeTypes.get(name);
    if (!old) {
      out.push(change('non-breaking', 'add', `${name} was added.`, name));
      continue;
    }
    if ((old.description ?? '') !== (type.description ?? '')) {
      out.push(
        change(
          'annotation',
          'replace',
          `The description of ${name} changed.`,
          name,
        ),
      );
    }
    const oldMembers = membersOf(old);
    for (const [member, facts] of membersOf(type)) {
      const was = oldMembers.get(member);
      if (!was) {
        if (!reported.has(`${name}.${member}`)) {
          out.push(
            change(
              'non-breaking',
              'add',
              `${name}.${member} was added.`,
              name,
              member,
            ),
          );
        }
        continue;
      }
      if (facts.deprecated && !was.deprecated) {
        out.push(
          change(
            'deprecated',
            'add',
            `${name}.${member} was deprecated: ${facts.deprecated}`,
            name,
            member,
          ),
        );
      }
      if ((was.description ?? '') !== (facts.description ?? '')) {
        out.push(
          change(
            'annotation',
            'replace',
            `The description of ${name}.${member} changed.`,
            name,
            member,
          ),
        );
      }
    }
  }
  return out;
}

/** The root fields of a schema: `Query.accounts`, … */
export function graphqlOperations(document: DocumentNode): Set<string> {
  const out = new Set<string>();
  for (const definition of document.definitions) {
    if (
      (definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
        definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
      ROOTS.includes(definition.name.value)
    ) {
      for (const field of definition.fields ?? []) {
        out.add(`${definition.name.value}.${field.name.value}`);
      }
    }
  }
  return out;
}
