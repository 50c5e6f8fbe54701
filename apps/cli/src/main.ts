#!/usr/bin/env node
import { runProgram } from './io/runProgram.js';
import { buildProgram } from './program.js';

await runProgram(await buildProgram(process.argv.slice(2)), process.argv);
