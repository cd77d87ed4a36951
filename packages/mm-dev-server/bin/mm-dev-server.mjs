#!/usr/bin/env node
// Runs the TypeScript source directly through Node 24's type stripping (the package uses only
// erasable syntax).
import { main } from '../src/cli.ts';

process.exitCode = await main(process.argv.slice(2));
