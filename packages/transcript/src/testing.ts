// `@livestatus/transcript/testing`: the real OpenClaw fixtures by short name, parsed and replayed
// through the reducer as a source and the tracker feed it, for the packages that draw or deliver
// views (render goldens, benches). Test support only: it reads the repository's test-data.
export { turnsOf } from './core/replay.test-support.ts';
export type { TranscriptName } from './core/test-fixtures.ts';
