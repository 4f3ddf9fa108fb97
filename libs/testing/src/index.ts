export * from './test-database';
export * from './test-app';
export * from './factories';
export * from './http';
export * from './pdf-text';
export * from './built-app';
export * from './browser';
export * from './actor';
