export * from './adaptive-rate';
export * from './admission-policy';
export * from './app';
export * from './bundled-config';
export * from './config-schema';
export * from './prequeue-shuffle';
export * from './prequeue-verify';
export * from './store';
