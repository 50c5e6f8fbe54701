#!/usr/bin/env node
import { runSubnet } from '@taonode/neuron';
import { sn30Plugin } from '@taonode/sn30';

// The whole app. The exit belongs here: under pm2 a process that only sets process.exitCode may never end.
process.exit(await runSubnet(sn30Plugin, 'validator'));
