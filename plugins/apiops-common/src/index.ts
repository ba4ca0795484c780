/**
 * Types, permissions and pure logic shared by the APIOps plugins.
 *
 * @packageDocumentation
 */

export * from './permissions';
export * from './entities';
export * from './refs';
export * from './governance';
export * from './method';
export * from './assessments';
export * from './status';
export * from './reports';
export * from './ownership';
export * from './fragmentation';
export * from './campaigns';
export * from './notifications';
export * from './evidence';
export * from './changes';
