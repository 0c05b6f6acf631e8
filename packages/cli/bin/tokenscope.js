#!/usr/bin/env node
// Launcher committed as plain JavaScript so npm can link and mark it executable before the build runs.
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
