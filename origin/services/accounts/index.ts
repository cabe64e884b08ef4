export * from './account-service';
export * from './buyer-limit';
export * from './secrets';
export * from './settings';
export * from './tokens';
