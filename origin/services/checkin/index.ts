export * from './check-in';
