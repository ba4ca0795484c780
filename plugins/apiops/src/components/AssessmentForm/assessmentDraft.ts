import {
  Assessment,
  AssessmentRequest,
  CriterionAnswer,
  isEvidenceUrl,
  MethodModel,
} from '@apiops-backstage/plugin-apiops-common';

/** What the assessment form holds: one answer (evidence, note) per criterion. */
export interface AssessmentDraft {
  answers: Record<string, CriterionAnswer>;
  evidence: Record<string, string>;
  notes: Record<string, string>;
  note: string;
}

/**
 * The form's starting point: the answers, evidence and notes of the latest
 * assessment for the criteria of the method's cycle; `unknown` for criteria
 * it did not answer. The note on the whole assessment starts empty.
 */
export function draftFromAssessment(
  method: MethodModel,
  latest?: Assessment,
): AssessmentDraft {
  const draft: AssessmentDraft = {
    answers: {},
    evidence: {},
    notes: {},
    note: '',
  };
  for (const { id } of method.criteria) {
    draft.answers[id] = latest?.answers[id] ?? 'unknown';
    const evidence = latest?.evidence[id];
    if (evidence) draft.evidence[id] = evidence;
    const note = latest?.notes[id];
    if (note) draft.notes[id] = note;
  }
  return draft;
}

/** The criteria whose evidence link, as typed, is not a valid link. */
export function invalidEvidence(draft: AssessmentDraft): string[] {
  return Object.entries(draft.evidence)
    .filter(([, value]) => value.trim() && !isEvidenceUrl(value.trim()))
    .map(([criterionId]) => criterionId);
}

/**
 * The request recording a draft: an answer for every criterion of the cycle
 * (each shared criterion once), the evidence links and notes that are not
 * blank, trimmed, and the note on the whole assessment if there is one.
 */
export function buildAssessmentRequest(
  method: MethodModel,
  draft: AssessmentDraft,
): AssessmentRequest {
  const answers: Record<string, CriterionAnswer> = {};
  const evidence: Record<string, string> = {};
  const notes: Record<string, string> = {};
  for (const { id } of method.criteria) {
    answers[id] = draft.answers[id] ?? 'unknown';
    const link = draft.evidence[id]?.trim();
    if (link) evidence[id] = link;
    const note = draft.notes[id]?.trim();
    if (note) notes[id] = note;
  }
  const request: AssessmentRequest = { cycle: method.cycle, answers };
  if (Object.keys(evidence).length > 0) request.evidence = evidence;
  if (Object.keys(notes).length > 0) request.notes = notes;
  const note = draft.note.trim();
  if (note) request.note = note;
  return request;
}
