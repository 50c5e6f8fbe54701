import * as c from './src/index.ts';
const ln = await c.startLocalnet({});
const client = await c.connect({ chainEndpoint: ln.url });
const { netuid } = await c.createSubnet(client, { tempo: 1000 });
await c.setStorage(client, { SubtensorModule: { Tempo: [[[netuid], '0x0300']] } });
for (let i = 0; i < 6; i++) {
  const h = await c.headNumber(client);
  const mg = await c.getMetagraph(client, { netuid });
  const q = client.api.query.subtensorModule;
  console.log(h, 'dist', await c.blocksUntilNextEpoch(client, { netuid }), 'lastStep', mg.lastStep, 'bsls', mg.blocksSinceLastStep, 'tempo', mg.hyperparameters.tempo,
    'LastMechansimStepBlock', (await q.lastMechansimStepBlock?.(netuid))?.toString(), 'BSLS', (await q.blocksSinceLastStep(netuid)).toString());
  await c.newBlocks(client, 1);
}
await client.close(); await ln.close(); process.exit(0);
