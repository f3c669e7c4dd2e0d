// Themes and the system's settings (issue 19, section 3): the page follows
// prefers-color-scheme (dark), prefers-contrast: more and forced-colors:
// active (high contrast), also when they change while the page is open;
// `theme=` in the link (or the Theme menu) overrides the system and is kept
// in the URL; prefers-reduced-motion stops the loading spinner and the text
// cursor's blinking, and training still runs. Pixels are read from
// screenshots; every theme is saved at 1280 x 800 with the lab closed and
// open (theme-<name>.png, theme-<name>-lab.png).
import { decodePng } from './png.mjs';
import { nextFrames, parseHash } from './scenarios.mjs';

const api = (t, fn, ...args) => t.page.evaluate(({ fn, args }) => window.playground[fn](...args), { fn, args });
const probe = (t) => t.page.evaluate(() => window.playground.probe());
const state = async (t) => parseHash(await api(t, 'getState'));

// The window's own colour: a corner of the canvas nothing is drawn on.
async function background(t) {
  const { width, height, rgba } = decodePng(await t.page.screenshot());
  const i = ((height - 4) * width + (width - 4)) * 4;
  return [rgba[i], rgba[i + 1], rgba[i + 2]];
}
const luma = ([r, g, b]) => (0.299 * r + 0.587 * g + 0.114 * b) / 255;

// The theme in use, after a few frames (a change applies at the next frame).
async function themeNow(t) {
  await nextFrames(t, 3);
  return (await probe(t)).theme;
}

// The window's colour must be the theme's: light near white, dark near #1b1e23, contrast black.
function checkBackground(t, theme, rgb) {
  const l = luma(rgb);
  const ok = theme === 'light' ? l > 0.9 : theme === 'dark' ? l > 0.05 && l < 0.2 : l < 0.02;
  t.assert(ok, `the ${theme} theme's background is rgb(${rgb}), luminance ${l.toFixed(3)}`);
}

async function clickControl(t, id) {
  const c = (await probe(t)).controls.find((x) => x.id === id);
  t.assert(c, `no control '${id}' in probe().controls`);
  await t.page.mouse.click(c.rect[0] + c.rect[2] / 2, c.rect[1] + c.rect[3] / 2);
  await nextFrames(t, 3);
}

export const themeScenarios = [
  {
    // A dark system gives the dark theme, with dark pixels, and no theme= in the URL.
    name: 'theme-system-dark',
    async run(t) {
      await t.page.emulateMedia({ colorScheme: 'dark' });
      await t.open('networkShape=4,2');
      t.assert((await themeNow(t)) === 'dark', `a dark system gave the '${(await probe(t)).theme}' theme`);
      const p = await probe(t);
      t.assert(p.system.dark && !p.system.moreContrast, `system settings read as ${JSON.stringify(p.system)}`);
      checkBackground(t, 'dark', await background(t));
      t.assert(!('theme' in (await state(t))), `theme=auto was written into the link: ${await api(t, 'getState')}`);
      // The system changes while the page is open: the app follows its change event.
      await t.page.emulateMedia({ colorScheme: 'light' });
      t.assert((await themeNow(t)) === 'light', 'the app did not follow prefers-color-scheme back to light');
      checkBackground(t, 'light', await background(t));
      await t.page.emulateMedia({ colorScheme: 'dark' });
      t.assert((await themeNow(t)) === 'dark', 'the app did not follow prefers-color-scheme to dark');
      await t.screenshot();
    },
  },
  {
    // More contrast, and forced colours, give the high-contrast theme (over a dark or light system).
    name: 'theme-system-contrast',
    async run(t) {
      await t.page.emulateMedia({ colorScheme: 'dark', contrast: 'more' });
      await t.open('networkShape=4,2');
      t.assert((await themeNow(t)) === 'contrast', `prefers-contrast: more gave '${(await probe(t)).theme}'`);
      checkBackground(t, 'contrast', await background(t));
      await t.page.emulateMedia({ colorScheme: 'light', contrast: 'no-preference', forcedColors: 'active' });
      t.assert((await themeNow(t)) === 'contrast', `forced-colors: active gave '${(await probe(t)).theme}'`);
      t.assert((await probe(t)).system.moreContrast, 'forced colours were not read as more contrast');
      await t.page.emulateMedia({ forcedColors: 'none' });
      t.assert((await themeNow(t)) === 'light', 'the theme did not go back to light when forced colours ended');
      await t.screenshot();
    },
  },
  {
    // theme= in the link beats the system; the Theme menu sets it and the URL keeps it.
    name: 'theme-link-and-menu-override-system',
    async run(t) {
      await t.page.emulateMedia({ colorScheme: 'dark' });
      await t.open('theme=light&networkShape=3');
      t.assert((await themeNow(t)) === 'light', `theme=light on a dark system gave '${(await probe(t)).theme}'`);
      checkBackground(t, 'light', await background(t));
      t.assert((await state(t)).theme === 'light', `the link lost theme=light: ${await api(t, 'getState')}`);
      t.assert((await api(t, 'visibleControls')).includes('theme'), 'visibleControls() has no theme');
      // The menu: Contrast, then Auto (back to the system's dark; theme= leaves the link).
      await clickControl(t, 'theme');
      await clickControl(t, 'theme.option.contrast');
      t.assert((await state(t)).theme === 'contrast', `the menu did not write theme=contrast: ${await api(t, 'getState')}`);
      t.assert((await themeNow(t)) === 'contrast', 'the menu did not switch to the contrast theme');
      t.assert(parseHash(await t.page.evaluate(() => location.hash)).theme === 'contrast', 'the address bar has no theme=contrast');
      checkBackground(t, 'contrast', await background(t));
      await clickControl(t, 'theme');
      await clickControl(t, 'theme.option.auto');
      t.assert(!('theme' in (await state(t))), `Auto left theme= in the link: ${await api(t, 'getState')}`);
      t.assert((await themeNow(t)) === 'dark', 'Auto did not follow the dark system');
      // setState and a hidden menu: theme_hide removes it (a course page's choice).
      await api(t, 'setState', 'theme=dark&theme_hide=true');
      t.assert(!(await api(t, 'visibleControls')).includes('theme'), 'theme_hide=true still shows the menu');
      t.assert((await themeNow(t)) === 'dark', 'setState theme=dark');
      await t.screenshot();
    },
  },
  {
    // Reduced motion: the spinner stands still, the text cursor does not blink; training still runs.
    name: 'theme-reduced-motion',
    async run(t) {
      await t.page.emulateMedia({ reducedMotion: 'reduce' });
      await t.open('networkShape=3');
      const p = await probe(t);
      t.assert(p.system.reducedMotion, `prefers-reduced-motion was not read: ${JSON.stringify(p.system)}`);
      const spin = () => t.page.evaluate(() => getComputedStyle(document.querySelector('#status .spinner')).animationName);
      t.assert((await spin()) === 'none', `the spinner still spins under reduced motion: ${await spin()}`);
      await api(t, 'play');
      await t.page.waitForFunction(() => window.playground.metrics().epoch > 20, null, { timeout: 60000 });
      await api(t, 'pause');
      await t.page.emulateMedia({ reducedMotion: 'no-preference' });
      await nextFrames(t, 3);
      t.assert(!(await probe(t)).system.reducedMotion, 'the change of prefers-reduced-motion was not followed');
      t.assert((await spin()) === 'spin', `without reduced motion the spinner's animation is '${await spin()}'`);
      await t.screenshot();
    },
  },
  {
    // Each theme at 1280 x 800, lab closed and open, saved for a look (and the README).
    name: 'theme-screens',
    timeout: 150000,
    async run(t) {
      const setup = 'dataset=xor&networkShape=4,2&seed=0.3&showTestData=true';
      for (const theme of ['light', 'dark', 'contrast']) {
        await t.page.goto('about:blank');  // a new page each time: the same epoch in every picture
        await t.open(`${setup}&theme=${theme}`);
        await api(t, 'step', 150);
        await t.page.waitForFunction(() => window.playground.metrics().epoch >= 150, null, { timeout: 60000 });
        await nextFrames(t, 40);  // the heatmaps refresh a band a frame
        t.assert((await themeNow(t)) === theme, `theme=${theme} gave '${(await probe(t)).theme}'`);
        checkBackground(t, theme, await background(t));
        await t.screenshot(`-${theme}`);
        await api(t, 'setState', 'inspect=true');
        await nextFrames(t, 10);
        await t.screenshot(`-${theme}-lab`);
      }
    },
  },
];
