export * from './memory';
export * from './redis';
export * from './types';
