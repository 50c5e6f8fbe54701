import { writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';

const c = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 300 });
c.setOption({
  animation: false,
  title: { text: 'hello RSS' },
  xAxis: { type: 'value' },
  yAxis: { type: 'value' },
  series: [
    {
      type: 'line',
      data: [
        [0, 1],
        [1, 3],
        [2, 2],
      ],
    },
  ],
});
const svg = c.renderToSVGString();
const png = new Resvg(svg, {
  font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  background: 'white',
})
  .render()
  .asPng();
writeFileSync('/tmp/ech.png', png);
console.log(svg.length, png.length);
