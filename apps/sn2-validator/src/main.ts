#!/usr/bin/env node
import { exitNotImplemented } from '@taonode/neuron';

// The SN2 package (packages/sn2) has not landed yet. When it does, this becomes:
//   process.exitCode = await runNeuron({ app: 'sn2-validator', role: 'validator', plugin: sn2, argv: process.argv.slice(2) });
process.exitCode = exitNotImplemented('sn2-validator', 'SN2');
