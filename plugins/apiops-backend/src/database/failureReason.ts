/**
 * The most characters of a stored failure reason: enough for a driver's
 * message and its detail, never a whole batch of bound values.
 *
 * @internal
 */
export const FAILURE_REASON_MAX_LENGTH = 1000;

/** The statements knex puts in front of a driver's message. */
const SQL_PREFIX =
  /^(?:insert|update|delete|select|with|create|alter|drop|truncate|pragma|begin|commit|rollback|savepoint|release|lock)\s/i;

/** What a statement did and to which table, without its values. */
const STATEMENT_SUMMARY =
  /^(insert\s+into|delete\s+from|update|truncate(?:\s+table)?|create\s+table|alter\s+table|drop\s+table)\s+((?:["`]?[\w$]+["`]?\.)?["`]?[\w$]+["`]?)/i;

/** Where knex joins the statement and the driver's message. */
const KNEX_SEPARATOR = ' - ';

/**
 * Why a run failed, as stored and shown to operators: the real cause first.
 * knex puts the whole statement, with its bound values, in front of the
 * driver's message (`insert into "t" (…) values (…) - duplicate key …`);
 * that prefix is cut down to what the statement did (`insert into "t"`) and
 * moved after the cause. A PostgreSQL error's `detail` is kept. Whitespace is
 * collapsed and the text capped at `maxLength` characters.
 *
 * @internal
 */
export function failureReason(
  error: unknown,
  maxLength: number = FAILURE_REASON_MAX_LENGTH,
): string {
  const { message, detail } = partsOf(error);
  const { cause, statement } = withoutStatement(collapse(message));
  let text = cause;
  if (detail && !text.includes(detail)) {
    text = text ? `${text}: ${detail}` : detail;
  }
  if (statement) {
    text = `${text || 'database error'} (in ${statement})`;
  }
  if (text === '') {
    text = 'unknown error';
  }
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Splits "<statement> - <cause>", possibly behind a label such as
 * "Snapshot 12: ", into the label and cause, and what the statement did.
 */
function withoutStatement(text: string): { cause: string; statement?: string } {
  const labelEnd = text.indexOf(': ');
  for (const start of [0, labelEnd >= 0 ? labelEnd + 2 : -1]) {
    if (start < 0) continue;
    const rest = text.slice(start);
    // The driver's message rarely holds " - "; bound values often do.
    const separator = rest.lastIndexOf(KNEX_SEPARATOR);
    if (SQL_PREFIX.test(rest) && separator > 0) {
      const summary = STATEMENT_SUMMARY.exec(rest);
      return {
        cause: `${text.slice(0, start)}${rest
          .slice(separator + KNEX_SEPARATOR.length)
          .trim()}`,
        statement: summary
          ? `${summary[1].replace(/\s+/g, ' ').toLocaleLowerCase('en-US')} ${
              summary[2]
            }`
          : rest.split(' ', 1)[0].toLocaleLowerCase('en-US'),
      };
    }
  }
  return { cause: text };
}

function partsOf(error: unknown): { message: string; detail?: string } {
  if (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  ) {
    const { message, detail } = error as { message: string; detail?: unknown };
    return {
      message,
      detail:
        typeof detail === 'string' ? collapse(detail) || undefined : undefined,
    };
  }
  return { message: typeof error === 'string' ? error : String(error) };
}
