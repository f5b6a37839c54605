export * from './record';
export * from './text';
export * from './form';
export * from './describe';
export * from './selection';
