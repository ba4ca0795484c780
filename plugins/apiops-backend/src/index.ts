/**
 * The APIOps backend plugin: lifecycle assessments, ownership gaps, governance
 * and fragmentation reports for the APIs of the catalog.
 *
 * @packageDocumentation
 */

export { apiopsPlugin as default } from './plugin';
