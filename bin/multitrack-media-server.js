#!/usr/bin/env node
// Runs the TypeScript media server through tsx until the package ships a compiled build.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli.ts');
await main(process.argv.slice(2));
