/** What came of submitting the assessment form. */
export type AssessmentOutcome =
  | { type: 'recorded'; station: string }
  | { type: 'invalid' }
  | { type: 'unconfirmed' }
  | { type: 'rejected'; message: string }
  | { type: 'failed'; message: string };

/** The HTTP status of a failed request, when the error carries one. */
export function errorStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The server's own words for an error, when it sent any. */
export function errorMessage(error: unknown): string {
  const e = error as {
    body?: { error?: { message?: unknown } };
    cause?: { message?: unknown };
    message?: unknown;
  };
  for (const message of [e?.body?.error?.message, e?.cause?.message]) {
    if (typeof message === 'string' && message) return message;
  }
  return typeof e?.message === 'string' ? e.message : String(error);
}
