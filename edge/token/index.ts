export * from './claims';
export * from './dev-keys';
export * from './sign-verify';
