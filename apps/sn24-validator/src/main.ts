#!/usr/bin/env node
import { exitNotImplemented } from '@taonode/neuron';

// The SN24 package (packages/sn24) has not landed yet. When it does, this becomes:
//   process.exitCode = await runNeuron({ app: 'sn24-validator', role: 'validator', plugin: sn24, argv: process.argv.slice(2) });
process.exitCode = exitNotImplemented('sn24-validator', 'SN24');
