export * from './ioredis';
export * from './memory';
export * from './redis';
export * from './types';
export * from './upstash';
