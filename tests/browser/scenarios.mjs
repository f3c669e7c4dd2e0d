// The browser test scenarios. Each gets a context from run.mjs:
//   open(hash, {width, height}), screenshot(suffix) -> pixel variance, assert(cond, msg), page
export const scenarios = [
  {
    name: 'loads',
    async run(t) {
      await t.open();
      const version = await t.page.evaluate(() => window.playground.version);
      t.assert(typeof version === 'string' && /^\d+\.\d+\.\d+/.test(version), `version is '${version}'`);
      const title = await t.page.title();
      t.assert(/Playground/.test(title), `page title is '${title}'`);
      const variance = await t.screenshot();
      t.assert(variance > 50, `the canvas looks blank (pixel variance ${variance.toFixed(1)})`);
    },
  },
  {
    name: 'hidpi-iframe-size',
    dpr: 2,
    async run(t) {
      await t.open('', { width: 800, height: 500 });
      // The canvas fills the 800x500 viewport with a 2x backing store.
      const size = await t.page.evaluate(() => {
        const c = document.getElementById('canvas');
        const r = c.getBoundingClientRect();
        return { cssW: r.width, cssH: r.height, w: c.width, h: c.height };
      });
      t.assert(Math.abs(size.cssW - 800) < 1 && Math.abs(size.cssH - 500) < 1, `canvas CSS size ${size.cssW}x${size.cssH}`);
      t.assert(size.w === 1600 && size.h === 1000, `canvas backing store ${size.w}x${size.h}, expected 1600x1000`);
      const variance = await t.screenshot();
      t.assert(variance > 50, `the canvas looks blank (pixel variance ${variance.toFixed(1)})`);
    },
  },
];
