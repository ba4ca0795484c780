import { useCallback, useState } from 'react';
import {
  assessmentRequestLimits,
  type Assessment,
  type MethodModel,
} from '@apiops-backstage/plugin-apiops-common';
import { AssessmentDraft, draftFromAssessment } from './assessmentDraft';
import { CriterionFieldChange } from './CriterionField';

/**
 * The form's draft, pre-filled from the latest assessment, with its change
 * handlers, and the criteria whose evidence field the user has left (whose
 * evidence errors show before submitting).
 */
export function useAssessmentDraft(
  method: MethodModel,
  latestAssessment?: Assessment,
) {
  const [draft, setDraft] = useState<AssessmentDraft>(() =>
    draftFromAssessment(method, latestAssessment),
  );
  const [blurred, setBlurred] = useState<ReadonlySet<string>>(new Set());

  const onChange = useCallback(
    (criterionId: string, change: CriterionFieldChange) => {
      setDraft(previous => {
        switch (change.field) {
          case 'answer':
            return {
              ...previous,
              answers: { ...previous.answers, [criterionId]: change.value },
            };
          case 'evidence':
            return {
              ...previous,
              evidence: { ...previous.evidence, [criterionId]: change.value },
            };
          default:
            return {
              ...previous,
              notes: { ...previous.notes, [criterionId]: change.value },
            };
        }
      });
    },
    [],
  );

  const onEvidenceBlur = useCallback((criterionId: string) => {
    setBlurred(previous =>
      previous.has(criterionId)
        ? previous
        : new Set([...previous, criterionId]),
    );
  }, []);

  const setNote = useCallback(
    (note: string) => setDraft(previous => ({ ...previous, note })),
    [],
  );

  /** Answers the given criteria `met`, leaving their evidence and notes. */
  const markMet = useCallback(
    (criterionIds: readonly string[]) =>
      setDraft(previous => {
        const answers = { ...previous.answers };
        for (const id of criterionIds) answers[id] = 'met';
        return { ...previous, answers };
      }),
    [],
  );

  /**
   * Answers criteria as the audit evidence suggests (those with an answer),
   * and notes the items behind each: where a criterion has no note yet, or,
   * with `appendNotes`, after the note it has (an imported file is then
   * recorded with the assessment). Evidence links are left as they are;
   * nothing is recorded until the person submits.
   */
  const applySuggestions = useCallback(
    (
      suggestions: ReadonlyArray<{
        criterionId: string;
        answer?: 'met' | 'not-met';
        note: string;
      }>,
      options: { appendNotes?: boolean } = {},
    ) =>
      setDraft(previous => {
        const answers = { ...previous.answers };
        const notes = { ...previous.notes };
        const max = assessmentRequestLimits.maxCriterionNoteLength;
        for (const { criterionId, answer, note } of suggestions) {
          if (answer) answers[criterionId] = answer;
          const existing = notes[criterionId]?.trim();
          if (!existing) {
            notes[criterionId] = note.slice(0, max);
          } else if (options.appendNotes && !existing.includes(note)) {
            notes[criterionId] = `${existing}\n${note}`.slice(0, max);
          }
        }
        return { ...previous, answers, notes };
      }),
    [],
  );

  /** Adds a line to the note on the whole assessment, once. */
  const appendNote = useCallback(
    (line: string) =>
      setDraft(previous => {
        if (previous.note.includes(line)) return previous;
        const existing = previous.note.trimEnd();
        return {
          ...previous,
          note: (existing ? `${existing}\n${line}` : line).slice(
            0,
            assessmentRequestLimits.maxNoteLength,
          ),
        };
      }),
    [],
  );

  return {
    draft,
    blurred,
    onChange,
    onEvidenceBlur,
    setNote,
    markMet,
    applySuggestions,
    appendNote,
  };
}
