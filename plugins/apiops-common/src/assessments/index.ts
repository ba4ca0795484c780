export type { Assessment, AssessmentRequest } from './types';
export {
  assessmentRequestLimits,
  assessmentRequestSchema,
  assessmentSchema,
  describeZodError,
  evidenceUrlProblem,
  isEvidenceUrl,
  parseAssessmentRequest,
} from './schemas';
export type { AssessmentRequestParseResult } from './schemas';
