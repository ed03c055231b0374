export * from './trackingToken';
export * from './render';
export * from './links';
export * from './mime';
