export * from './error.ts';
export * from './bulk.ts';
export * from './mget.ts';
export * from './search.ts';
export * from './msearch.ts';
export * from './write.ts';
