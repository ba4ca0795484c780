export { AssessmentForm } from './AssessmentForm';
