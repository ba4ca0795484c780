import {
  isEvidenceUrl,
  parseAssessmentRequest,
} from '@apiops-backstage/plugin-apiops-common';
import {
  answersAt,
  assessment,
  methodModel,
} from '../EntityApiOpsCommon/__fixtures__/apiops';
import {
  buildAssessmentRequest,
  draftFromAssessment,
  invalidEvidence,
} from './assessmentDraft';

describe('draftFromAssessment', () => {
  it('starts every criterion of the cycle as unknown without an assessment', () => {
    const draft = draftFromAssessment(methodModel);

    expect(Object.keys(draft.answers)).toEqual(
      methodModel.criteria.map(c => c.id),
    );
    expect(new Set(Object.values(draft.answers))).toEqual(new Set(['unknown']));
    expect(draft).toMatchObject({ evidence: {}, notes: {}, note: '' });
  });

  it('takes answers, evidence and notes from the latest assessment, leaving out other criteria', () => {
    const draft = draftFromAssessment(
      methodModel,
      assessment({
        answers: { 'api-consistency': 'not-met', 'retired-criterion': 'met' },
        evidence: { 'api-consistency': 'https://ci.example.com/1' },
        notes: { 'api-consistency': 'Two styles', 'retired-criterion': 'x' },
        note: 'The whole thing',
      }),
    );

    expect(draft.answers['api-consistency']).toBe('not-met');
    expect(draft.answers['business-goals-defined']).toBe('unknown');
    expect(draft.answers).not.toHaveProperty('retired-criterion');
    expect(draft.evidence).toEqual({
      'api-consistency': 'https://ci.example.com/1',
    });
    expect(draft.notes).toEqual({ 'api-consistency': 'Two styles' });
    expect(draft.note).toBe('');
  });
});

// The check is -common's (the backend validates with it); these cases pin
// what the form accepts.
describe('isEvidenceUrl', () => {
  it.each(['https://ci.example.com/runs/1', 'http://wiki.internal/page?x=1#y'])(
    'accepts %s',
    url => {
      expect(isEvidenceUrl(url)).toBe(true);
    },
  );

  it.each([
    '',
    'ci.example.com/runs/1',
    'ftp://files.example.com/report',
    'mailto:team@example.com',
    'https://user:secret@example.com/',
    'https://example.com/a b',
    `https://example.com/${'a'.repeat(2048)}`,
  ])('rejects %j', url => {
    expect(isEvidenceUrl(url)).toBe(false);
  });

  it('agrees with the schema the backend validates with', () => {
    for (const url of [
      'https://ci.example.com/runs/1',
      'ftp://files.example.com/report',
      'https://user:secret@example.com/',
      'https:///no-host',
    ]) {
      const parsed = parseAssessmentRequest({
        answers: { a: 'met' },
        evidence: { a: url },
      });
      expect([url, isEvidenceUrl(url)]).toEqual([url, parsed.ok]);
    }
  });
});

describe('invalidEvidence', () => {
  it('names the criteria whose non-blank link is not valid', () => {
    expect(
      invalidEvidence({
        answers: {},
        evidence: { a: 'https://ok.example.com', b: 'nope', c: '   ' },
        notes: {},
        note: '',
      }),
    ).toEqual(['b']);
  });
});

describe('buildAssessmentRequest', () => {
  it('answers every criterion once, trims, and leaves blank fields out', () => {
    const draft = draftFromAssessment(
      methodModel,
      assessment({ answers: answersAt('api-design') }),
    );
    draft.answers['hide-backend-discrepancies'] = 'not-met';
    draft.evidence['api-consistency'] = '  https://ci.example.com/lint  ';
    draft.evidence['api-reusability'] = ' ';
    draft.notes['api-consistency'] = ' Two styles ';
    draft.notes['api-reusability'] = '';
    draft.note = '   ';

    const request = buildAssessmentRequest(methodModel, draft);

    expect(request).toEqual({
      cycle: 'api-productization-cycle',
      answers: {
        ...answersAt('api-design'),
        'hide-backend-discrepancies': 'not-met',
      },
      evidence: { 'api-consistency': 'https://ci.example.com/lint' },
      notes: { 'api-consistency': 'Two styles' },
    });
    expect(Object.keys(request.answers)).toHaveLength(21);
    expect(parseAssessmentRequest(request).ok).toBe(true);
  });

  it('sends the note on the whole assessment when there is one', () => {
    const draft = draftFromAssessment(methodModel);
    draft.note = ' Reviewed with the architects ';

    expect(buildAssessmentRequest(methodModel, draft)).toMatchObject({
      note: 'Reviewed with the architects',
    });
    expect(buildAssessmentRequest(methodModel, draft)).not.toHaveProperty(
      'evidence',
    );
  });
});
