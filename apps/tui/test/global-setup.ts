// Builds the binary once per test run, before any suite runs it: the end-to-end suites drive
// dist/cli.js, which must match the sources under test (and two suites building it at the same
// time could read a half-written bundle).
import { buildBinary } from './support/binary.ts';

export default function setup(): void {
  buildBinary();
}
