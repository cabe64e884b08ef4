export * from './eventbridge';
export * from './local-bus';
export * from './types';
