export * from './local-dir';
export * from './memory';
export * from './types';
