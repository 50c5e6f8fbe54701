import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MediaInputError } from '../errors.js';
import { buildCommand } from './fluentRunner.js';
import { inputArgs } from './safeInput.js';
import { splitArgs } from './splitArgs.js';

const base = ['-hide_banner', '-nostdin', '-loglevel', 'error'];
// decodeFrames' command line, with a path that has a space (fluent splits "a b" strings).
const frames = [
  ...base,
  '-noautorotate',
  ...inputArgs('/videos/my clip.mp4'),
  '-map',
  '0:v:0',
  '-vf',
  'select=eq(n\\,0)+eq(n\\,59)',
  '-f',
  'rawvideo',
  '-pix_fmt',
  'rgb24',
  '-',
];
// makeTestVideo's shape: two inputs and a filter graph, written to a file.
const twoInputs = [
  ...base,
  '-y',
  '-f',
  'lavfi',
  '-i',
  'testsrc=size=32x32:duration=1',
  '-f',
  'lavfi',
  '-i',
  'sine=frequency=440:duration=1',
  '-filter_complex',
  '[1:a]pan=stereo|c0=c0|c1=0*c0[a]',
  '-map',
  '0:v',
  '-map',
  '[a]',
  '/out dir/x.mp4',
];

describe('splitArgs', () => {
  it('puts every option before an -i on that input, the rest on the output', () => {
    const s = splitArgs(frames);
    expect(s.inputs).toHaveLength(1);
    expect(s.inputs[0]?.source).toMatch(/^file:\/.*my clip\.mp4$/);
    expect(s.inputs[0]?.options).toEqual([...base, '-noautorotate', ...inputArgs('x').slice(0, 4)]);
    expect(s.outputOptions[0]).toBe('-map');
    expect(s.target).toBe('-');
    const two = splitArgs(twoInputs);
    expect(two.inputs.map((i) => i.source)).toEqual([
      'testsrc=size=32x32:duration=1',
      'sine=frequency=440:duration=1',
    ]);
    expect(two.inputs[1]?.options).toEqual(['-f', 'lavfi']);
    expect(two.target).toBe('/out dir/x.mp4');
  });

  it('refuses a command line without an input or an output', () => {
    expect(() => splitArgs(['-f', 'null', '-'])).toThrow(MediaInputError);
    expect(() => splitArgs(['-i', 'file:/x.mp4'])).toThrow(/followed by an output/);
  });
});

describe('fluent command line', () => {
  it('is ours verbatim: "-" becomes pipe:1 for a piped output', () => {
    const cmd = buildCommand('ffmpeg', splitArgs(frames));
    cmd.output(new PassThrough());
    expect(cmd._getArguments()).toEqual([...frames.slice(0, -1), 'pipe:1']);
  });

  it('is ours verbatim plus the -y fluent adds before a file output', () => {
    const cmd = buildCommand('ffmpeg', splitArgs(twoInputs));
    cmd.output('/out dir/x.mp4');
    const lastInput = twoInputs.lastIndexOf('-i') + 2;
    expect(cmd._getArguments()).toEqual([
      ...twoInputs.slice(0, lastInput),
      '-y',
      ...twoInputs.slice(lastInput),
    ]);
  });
});
