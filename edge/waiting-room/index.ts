export * from './admission-policy';
export * from './app';
export * from './bundled-config';
export * from './config-schema';
export * from './store';
