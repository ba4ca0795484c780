export * from './entityRefKey';
export * from './relations';
