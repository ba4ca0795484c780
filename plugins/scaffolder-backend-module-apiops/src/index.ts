/**
 * The scaffolder module of APIOps for Backstage: the template action
 * `apiops:assessment:create`, which records an API's lifecycle assessment as
 * the user who runs the template.
 *
 * @packageDocumentation
 */

export { scaffolderModuleApiops as default } from './module';
export { createAssessmentAction } from './actions/createAssessmentAction';
