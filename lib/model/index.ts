export * from './record';
export * from './text';
