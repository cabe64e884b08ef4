export * from './client';
export * from './keys';
export type { SeatKey } from './seat-repo';
export * from './store';
export * from './table';
