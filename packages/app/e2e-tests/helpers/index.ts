export { openEntity, signIn } from '../portal';
export * from './axe';
export * from './console';
export * from './keyboard';
export * from './navigation';
export * from './theme';
