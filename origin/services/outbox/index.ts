export * from './admitted-feed';
export * from './email-consumer';
export * from './email-templates';
export * from './events';
export * from './relay';
