export * from './card-checks';
export * from './sandbox';
export * from './types';
