import { z } from 'zod';
import {
  assessmentRequestLimits,
  assessmentRequestSchema,
  describeZodError,
  parseAssessmentRequest,
} from './schemas';

const valid = {
  answers: { 'api-design': 'met' },
};

function failure(body: unknown) {
  const result = parseAssessmentRequest(body);
  if (result.ok) {
    throw new Error(`expected ${JSON.stringify(body)} to be rejected`);
  }
  return result;
}

describe('assessmentRequestSchema', () => {
  describe('accepts', () => {
    it.each<[string, unknown]>([
      ['one answer', { answers: { 'api-design': 'met' } }],
      [
        'every answer value',
        { answers: { a: 'met', b: 'not-met', c: 'unknown' } },
      ],
      [
        'digits in ids',
        { answers: { 'iso-27001-ready': 'met', '2fa': 'met' } },
      ],
      [
        'a cycle',
        { cycle: 'api-productization-cycle', answers: { a: 'unknown' } },
      ],
      [
        'evidence links',
        {
          answers: { a: 'met', b: 'not-met' },
          evidence: {
            a: 'https://wiki.example.com/research?page=1#results',
            b: 'http://localhost:8080/report',
          },
        },
      ],
      [
        'notes and a note',
        {
          answers: { a: 'met' },
          notes: { a: 'Reviewed by the architects 🚀' },
          note: 'First assessment\nafter the workshop',
        },
      ],
      [
        'empty evidence and notes',
        { answers: { a: 'met' }, evidence: {}, notes: {} },
      ],
      [
        'the maximum number of criteria',
        {
          answers: Object.fromEntries(
            Array.from(
              { length: assessmentRequestLimits.maxCriteria },
              (_, i) => [`c-${i}`, 'met'],
            ),
          ),
        },
      ],
      [
        'ids of maximum length',
        {
          cycle: 'c'.repeat(assessmentRequestLimits.maxIdLength),
          answers: { ['a'.repeat(assessmentRequestLimits.maxIdLength)]: 'met' },
        },
      ],
      [
        'texts of maximum length',
        {
          answers: { a: 'met' },
          notes: {
            a: 'n'.repeat(assessmentRequestLimits.maxCriterionNoteLength),
          },
          note: 'n'.repeat(assessmentRequestLimits.maxNoteLength),
        },
      ],
      [
        'a URL of maximum length',
        {
          answers: { a: 'met' },
          evidence: {
            a: `https://example.com/${'x'.repeat(
              assessmentRequestLimits.maxEvidenceUrlLength - 20,
            )}`,
          },
        },
      ],
    ])('%s', (_, body) => {
      const result = parseAssessmentRequest(body);
      expect(result).toEqual({ ok: true, value: body });
    });

    it('returns the request unchanged, without adding fields', () => {
      const result = assessmentRequestSchema.parse(valid);
      expect(result).toEqual(valid);
      expect(Object.keys(result)).toEqual(['answers']);
    });
  });

  describe('rejects, naming the field', () => {
    it.each<[string, unknown, string, RegExp]>([
      // the body
      ['a missing body', undefined, 'body', /^body: must be a JSON object$/],
      ['null', null, 'body', /^body: must be a JSON object$/],
      ['an array', [valid], 'body', /^body: must be a JSON object$/],
      ['a string', 'met', 'body', /^body: must be a JSON object$/],
      [
        'an unknown field',
        { ...valid, station: 'x' },
        'station',
        /^station: is not a known field$/,
      ],
      [
        'several unknown fields',
        { ...valid, id: '1', assessedBy: 'user:default/me' },
        'id',
        /^id: is not a known field \(and 1 more\)$/,
      ],
      // answers
      ['missing answers', {}, 'answers', /^answers: is required$/],
      [
        'answers: null',
        { answers: null },
        'answers',
        /^answers: must be an object keyed by criterion id$/,
      ],
      [
        'answers: an array',
        { answers: ['met'] },
        'answers',
        /^answers: must be an object keyed by criterion id$/,
      ],
      [
        'no answer at all',
        { answers: {} },
        'answers',
        /^answers: must answer at least one criterion$/,
      ],
      [
        'an unknown answer',
        { answers: { 'api-design': 'done' } },
        'answers.api-design',
        /^answers\.api-design: must be one of met, not-met, unknown$/,
      ],
      [
        'a wrongly cased answer',
        { answers: { 'api-design': 'MET' } },
        'answers.api-design',
        /^answers\.api-design: must be one of met, not-met, unknown$/,
      ],
      [
        'a boolean answer',
        { answers: { 'api-design': true } },
        'answers.api-design',
        /^answers\.api-design: must be one of met, not-met, unknown$/,
      ],
      [
        'a null answer',
        { answers: { 'api-design': null } },
        'answers.api-design',
        /^answers\.api-design: must be one of met, not-met, unknown$/,
      ],
      [
        'a camelCase criterion id',
        { answers: { apiDesign: 'met' } },
        'answers.apiDesign',
        /^answers\.apiDesign: must be a kebab-case criterion id/,
      ],
      [
        'a criterion id with spaces',
        { answers: { 'API Design': 'met' } },
        'answers["API Design"]',
        /^answers\["API Design"\]: must be a kebab-case criterion id/,
      ],
      [
        'a criterion id with a double dash',
        { answers: { 'api--design': 'met' } },
        'answers.api--design',
        /^answers\.api--design: must be a kebab-case criterion id/,
      ],
      [
        'a criterion id with a trailing dash',
        { answers: { 'api-': 'met' } },
        'answers.api-',
        /kebab-case criterion id/,
      ],
      [
        'an empty criterion id',
        { answers: { '': 'met' } },
        'answers[""]',
        /^answers\[""\]: must be a kebab-case criterion id/,
      ],
      [
        'a too long criterion id',
        { answers: { ['a'.repeat(101)]: 'met' } },
        `answers.${'a'.repeat(64)}…`,
        /: must be at most 100 characters$/,
      ],
      [
        'too many criteria',
        {
          answers: Object.fromEntries(
            Array.from({ length: 101 }, (_, i) => [`c-${i}`, 'met']),
          ),
        },
        'answers',
        /^answers: must have at most 100 criteria$/,
      ],
      // cycle
      [
        'a numeric cycle',
        { ...valid, cycle: 7 },
        'cycle',
        /^cycle: must be a cycle id/,
      ],
      [
        'an empty cycle',
        { ...valid, cycle: '' },
        'cycle',
        /^cycle: must be a kebab-case cycle id/,
      ],
      [
        'a cycle with a slash',
        { ...valid, cycle: 'api/cycle' },
        'cycle',
        /^cycle: must be a kebab-case cycle id/,
      ],
      [
        'a too long cycle',
        { ...valid, cycle: 'c'.repeat(101) },
        'cycle',
        /^cycle: must be at most 100 characters$/,
      ],
      // evidence
      [
        'evidence: a string',
        { ...valid, evidence: 'https://x.io' },
        'evidence',
        /^evidence: must be an object keyed by criterion id$/,
      ],
      [
        'a relative evidence link',
        { answers: { a: 'met' }, evidence: { a: '/docs/research' } },
        'evidence.a',
        /^evidence\.a: must be an absolute http\(s\) URL$/,
      ],
      [
        'an evidence link without scheme',
        { answers: { a: 'met' }, evidence: { a: 'wiki.example.com/page' } },
        'evidence.a',
        /^evidence\.a: must be an absolute http\(s\) URL$/,
      ],
      [
        'a javascript: evidence link',
        // eslint-disable-next-line no-script-url -- the attack being refused
        { answers: { a: 'met' }, evidence: { a: 'javascript:alert(1)' } },
        'evidence.a',
        /^evidence\.a: must be an http\(s\) URL$/,
      ],
      [
        'a file: evidence link',
        { answers: { a: 'met' }, evidence: { a: 'file:///etc/passwd' } },
        'evidence.a',
        /^evidence\.a: must be an http\(s\) URL$/,
      ],
      [
        'an ftp: evidence link',
        { answers: { a: 'met' }, evidence: { a: 'ftp://example.com/x' } },
        'evidence.a',
        /^evidence\.a: must be an http\(s\) URL$/,
      ],
      [
        'an evidence link with credentials',
        {
          answers: { a: 'met' },
          evidence: { a: 'https://me:secret@example.com/' },
        },
        'evidence.a',
        /^evidence\.a: must not contain credentials$/,
      ],
      [
        'an evidence link with spaces',
        { answers: { a: 'met' }, evidence: { a: ' https://example.com/a b' } },
        'evidence.a',
        /^evidence\.a: must be an http\(s\) URL without spaces$/,
      ],
      [
        'an evidence link with a control character',
        {
          answers: { a: 'met' },
          evidence: { a: 'https://example.com/\u0000x' },
        },
        'evidence.a',
        /^evidence\.a: must be an http\(s\) URL without spaces$/,
      ],
      [
        'a numeric evidence link',
        { answers: { a: 'met' }, evidence: { a: 42 } },
        'evidence.a',
        /^evidence\.a: must be an http\(s\) URL \(a string\)$/,
      ],
      [
        'a too long evidence link',
        {
          answers: { a: 'met' },
          evidence: { a: `https://example.com/${'x'.repeat(2048)}` },
        },
        'evidence.a',
        /^evidence\.a: must be at most 2048 characters$/,
      ],
      [
        'evidence for an unanswered criterion',
        {
          answers: { 'api-design': 'met' },
          evidence: { 'market-research-done': 'https://example.com/r' },
        },
        'evidence.market-research-done',
        /^evidence\.market-research-done: must be for a criterion that has an answer in answers$/,
      ],
      [
        'evidence with a bad criterion id',
        { answers: { a: 'met' }, evidence: { A: 'https://example.com/' } },
        'evidence.A',
        /^evidence\.A: must be a kebab-case criterion id/,
      ],
      // notes
      [
        'notes: an array',
        { ...valid, notes: ['x'] },
        'notes',
        /^notes: must be an object keyed by criterion id$/,
      ],
      [
        'a numeric criterion note',
        { answers: { a: 'met' }, notes: { a: 1 } },
        'notes.a',
        /^notes\.a: must be a string$/,
      ],
      [
        'a blank criterion note',
        { answers: { a: 'met' }, notes: { a: ' \n ' } },
        'notes.a',
        /^notes\.a: must not be blank$/,
      ],
      [
        'a too long criterion note',
        { answers: { a: 'met' }, notes: { a: 'n'.repeat(2001) } },
        'notes.a',
        /^notes\.a: must be at most 2000 characters$/,
      ],
      [
        'a note for an unanswered criterion',
        { answers: { a: 'met' }, notes: { b: 'why' } },
        'notes.b',
        /^notes\.b: must be for a criterion that has an answer in answers$/,
      ],
      // note
      [
        'a numeric note',
        { ...valid, note: 5 },
        'note',
        /^note: must be a string$/,
      ],
      [
        'a null note',
        { ...valid, note: null },
        'note',
        /^note: must be a string$/,
      ],
      [
        'an empty note',
        { ...valid, note: '' },
        'note',
        /^note: must not be blank$/,
      ],
      [
        'a too long note',
        { ...valid, note: 'n'.repeat(4001) },
        'note',
        /^note: must be at most 4000 characters$/,
      ],
      // Found by the backend's property tests: a 500 on PostgreSQL.
      [
        'a note with a NUL character',
        { ...valid, note: 'a\u0000b' },
        'note',
        /^note: must not contain the NUL character \(U\+0000\)$/,
      ],
      [
        'a criterion note with a NUL character',
        { answers: { a: 'met' }, notes: { a: '\u0000' } },
        'notes.a',
        /^notes\.a: must not contain the NUL character \(U\+0000\)$/,
      ],
    ])('%s', (_, body, field, message) => {
      const result = failure(body);
      expect(result.field).toBe(field);
      expect(result.message).toMatch(message);
      expect(result.issues.length).toBeGreaterThan(0);
    });

    it('names every field at fault, up to three', () => {
      const result = failure({
        cycle: 'Bad Cycle',
        answers: { a: 'done' },
        note: '',
      });
      expect(result.field).toBe('cycle');
      expect(result.message).toBe(
        'cycle: must be a kebab-case cycle id (a-z, 0-9 and single dashes); ' +
          'answers.a: must be one of met, not-met, unknown; ' +
          'note: must not be blank',
      );
    });

    it('counts the issues it does not spell out', () => {
      const result = failure({
        answers: { a: 'x', b: 'y', c: 'z', d: 'w', e: 'v' },
      });
      expect(result.message).toMatch(
        /^answers\.a: .*; answers\.b: .*; answers\.c: [^;]* \(and 2 more\)$/,
      );
    });

    it('never echoes a huge key in full', () => {
      const key = 'X'.repeat(5000);
      const result = failure({ answers: { [key]: 'met' } });
      expect(result.message.length).toBeLessThan(300);
    });

    it('does not let a __proto__ key through', () => {
      const result = failure(JSON.parse('{"answers":{"__proto__":"met"}}'));
      expect(result.field).toBe('answers.__proto__');
    });
  });

  it('throws a ZodError from parse, for callers that prefer exceptions', () => {
    expect(() => assessmentRequestSchema.parse({ answers: {} })).toThrow(
      z.ZodError,
    );
  });
});

describe('describeZodError', () => {
  it('names nested fields and array indexes', () => {
    const schema = z.object({ items: z.array(z.object({ id: z.string() })) });
    const result = schema.safeParse({ items: [{ id: 'a' }, { id: 1 }] });
    expect(result.success).toBe(false);
    expect(describeZodError((result as { error: z.ZodError }).error)).toBe(
      'items[1].id: Expected string, received number',
    );
  });

  it('names the body for a top-level issue', () => {
    const result = z.string().safeParse(1);
    expect(describeZodError((result as { error: z.ZodError }).error)).toBe(
      'body: Expected string, received number',
    );
  });

  it('says a missing field is required', () => {
    const result = z.object({ name: z.string() }).safeParse({});
    expect(describeZodError((result as { error: z.ZodError }).error)).toBe(
      'name: is required',
    );
  });
});
