// Data contracts
export type * from './types.ts';
