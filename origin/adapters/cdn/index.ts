export * from './cloudfront';
export * from './local';
export * from './types';
