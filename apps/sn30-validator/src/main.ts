#!/usr/bin/env node
import { exitNotImplemented } from '@taonode/neuron';

// The SN30 package (packages/sn30) has not landed yet. When it does, this becomes:
//   process.exitCode = await runNeuron({ app: 'sn30-validator', role: 'validator', plugin: sn30, argv: process.argv.slice(2) });
process.exitCode = exitNotImplemented('sn30-validator', 'SN30');
