import type { ApiChange } from '@apiops-backstage/plugin-apiops-common';
import {
  Enum,
  IParserResult,
  Namespace,
  ReflectionObject,
  Service,
  Type,
} from 'protobufjs';
import { jsonPathOf } from './jsonPath';

interface Shape {
  services: Map<string, Service>;
  messages: Map<string, Type>;
  enums: Map<string, Enum>;
}

function shapeOf(parsed: IParserResult): Shape {
  const shape: Shape = {
    services: new Map(),
    messages: new Map(),
    enums: new Map(),
  };
  const visit = (node: ReflectionObject) => {
    const name = node.fullName.replace(/^\./, '');
    if (node instanceof Service) shape.services.set(name, node);
    else if (node instanceof Type) shape.messages.set(name, node);
    else if (node instanceof Enum) shape.enums.set(name, node);
    if (node instanceof Namespace) {
      for (const child of node.nestedArray) visit(child);
    }
  };
  visit(parsed.root);
  return shape;
}

/** The `package` of a proto file as its version, when it ends in one (`bank.cards.v2`). */
export function grpcVersion(parsed: IParserResult): { version?: string } {
  const version = parsed.package?.split('.').pop();
  return version && /^v\d+/i.test(version) ? { version } : {};
}

function item(
  cls: ApiChange['class'],
  action: ApiChange['action'],
  path: string[],
  description: string,
  extra: Partial<ApiChange> = {},
): ApiChange {
  return { class: cls, action, path: jsonPathOf(path), description, ...extra };
}

function signature(method: Service['methods'][string]): string {
  return `(${method.requestStream ? 'stream ' : ''}${
    method.requestType
  }) returns (${method.responseStream ? 'stream ' : ''}${method.responseType})`;
}

/**
 * Two protobuf definitions of a gRPC API compared service by service and
 * message by message: a service, method, message, field or enum value
 * removed, a field's number, type or label changed, a method's request,
 * response or streaming changed are breaking (for the code of a consumer
 * if not on the wire); additions are not.
 *
 * @internal
 */
export function diffGrpc(
  beforeParsed: IParserResult,
  afterParsed: IParserResult,
): ApiChange[] {
  const before = shapeOf(beforeParsed);
  const after = shapeOf(afterParsed);
  const out: ApiChange[] = [];
  for (const [name, service] of before.services) {
    const next = after.services.get(name);
    if (!next) {
      out.push(
        item(
          'breaking',
          'remove',
          ['services', name],
          `Service ${name} was removed.`,
          { operation: name },
        ),
      );
      continue;
    }
    for (const [methodName, method] of Object.entries(service.methods)) {
      const operation = `${name}/${methodName}`;
      const path = ['services', name, 'methods', methodName];
      const now = next.methods[methodName];
      if (!now) {
        out.push(
          item('breaking', 'remove', path, `Method ${operation} was removed.`, {
            operation,
          }),
        );
      } else if (signature(now) !== signature(method)) {
        out.push(
          item(
            'breaking',
            'replace',
            path,
            `Method ${operation} changed its signature.`,
            {
              operation,
              before: signature(method),
              after: signature(now),
            },
          ),
        );
      } else if (now.options?.deprecated && !method.options?.deprecated) {
        out.push(
          item(
            'deprecated',
            'add',
            path,
            `Method ${operation} was deprecated.`,
            { operation },
          ),
        );
      }
    }
    for (const methodName of Object.keys(next.methods)) {
      if (!service.methods[methodName]) {
        const operation = `${name}/${methodName}`;
        out.push(
          item(
            'non-breaking',
            'add',
            ['services', name, 'methods', methodName],
            `Method ${operation} was added.`,
            {
              operation,
            },
          ),
        );
      }
    }
  }
  for (const name of after.services.keys()) {
    if (!before.services.has(name)) {
      out.push(
        item(
          'non-breaking',
          'add',
          ['services', name],
          `Service ${name} was added.`,
          { operation: name },
        ),
      );
    }
  }
  for (const [name, message] of before.messages) {
    const next = after.messages.get(name);
    if (!next) {
      out.push(
        item(
          'breaking',
          'remove',
          ['messages', name],
          `Message ${name} was removed.`,
        ),
      );
      continue;
    }
    for (const [fieldName, field] of Object.entries(message.fields)) {
      const path = ['messages', name, 'fields', fieldName];
      const now = next.fields[fieldName];
      if (!now) {
        out.push(
          item(
            'breaking',
            'remove',
            path,
            `Field ${name}.${fieldName} was removed.`,
          ),
        );
        continue;
      }
      const was = `${field.repeated ? 'repeated ' : ''}${
        field.map ? 'map ' : ''
      }${field.type} = ${field.id}`;
      const is = `${now.repeated ? 'repeated ' : ''}${now.map ? 'map ' : ''}${
        now.type
      } = ${now.id}`;
      if (was !== is) {
        out.push(
          item(
            'breaking',
            'replace',
            path,
            `Field ${name}.${fieldName} changed its type, label or number.`,
            {
              before: was,
              after: is,
            },
          ),
        );
      }
    }
    for (const fieldName of Object.keys(next.fields)) {
      if (!message.fields[fieldName]) {
        out.push(
          item(
            'non-breaking',
            'add',
            ['messages', name, 'fields', fieldName],
            `Field ${name}.${fieldName} was added.`,
          ),
        );
      }
    }
  }
  for (const name of after.messages.keys()) {
    if (!before.messages.has(name)) {
      out.push(
        item(
          'non-breaking',
          'add',
          ['messages', name],
          `Message ${name} was added.`,
        ),
      );
    }
  }
  for (const [name, values] of before.enums) {
    const next = after.enums.get(name);
    for (const value of Object.keys(values.values)) {
      if (!next || next.values[value] === undefined) {
        out.push(
          item(
            'breaking',
            'remove',
            ['enums', name, value],
            `Enum value ${name}.${value} was removed.`,
          ),
        );
      }
    }
    for (const value of Object.keys(next?.values ?? {})) {
      if (values.values[value] === undefined) {
        out.push(
          item(
            'non-breaking',
            'add',
            ['enums', name, value],
            `Enum value ${name}.${value} was added.`,
          ),
        );
      }
    }
  }
  return out;
}

/** The methods of a gRPC definition: `pkg.Service/Method`. */
export function grpcOperations(parsed: IParserResult): Set<string> {
  const out = new Set<string>();
  for (const [name, service] of shapeOf(parsed).services) {
    for (const method of Object.keys(service.methods))
      out.add(`${name}/${method}`);
  }
  return out;
}
