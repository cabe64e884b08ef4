export * from './claims';
export * from './sign-verify';
