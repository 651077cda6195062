#!/usr/bin/env node
import { runCli } from './cli.js';
import { processIO } from './io.js';
import { defaultContext } from './wiring.js';

process.exitCode = await runCli(process.argv.slice(2), defaultContext(), processIO());
