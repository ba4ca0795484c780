/**
 * The APIOps catalog module: labels API entities with their APIOps station,
 * governance status and ownership gap.
 *
 * @packageDocumentation
 */

export { catalogModuleApiOps as default } from './module';
