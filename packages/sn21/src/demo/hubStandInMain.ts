#!/usr/bin/env node
// A stand-in for the Hugging Face Hub on this machine: the part of the hub API SN21 uses (repo info
// at a revision, tree, file resolve, repo creation, uploads), every commit kept in memory. For the
// demo and for trying submit → commitment → evaluation on a local chain without the real hub.
// Prints one JSON line {"url": …} once it listens; runs until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startModelHubStandIn } from './modelHubStandIn.js';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    // Writes need this bearer token (pass the same as HF_TOKEN to `taonode sn21 submit`).
    token: { type: 'string', default: 'hf_local_standin' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write('usage: hubStandInMain [--host 127.0.0.1] [--port 0] [--token <write token>]\n');
  process.exit(2);
}
const hub = await startModelHubStandIn({ token: values.token, host: values.host, port });
process.stdout.write(`${JSON.stringify({ url: hub.url })}\n`);
const stop = () => {
  void hub.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
