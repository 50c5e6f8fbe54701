#!/usr/bin/env node
import { runProgram } from './io/runProgram.js';
import { buildProgram } from './program.js';

await runProgram(buildProgram(), process.argv);
