import type { Plugin } from 'esbuild';
import { PREPROCESSED_EXTENSIONS, endingIn } from './file-kinds.js';

/** the preprocessors' stylesheets: esbuild loads none of them (plain `.css` it loads itself) */
const PREPROCESSED = endingIn(PREPROCESSED_EXTENSIONS);

/**
 * A Sass, Less or Stylus stylesheet a test file (or its setup file, or a component) imports, as
 * Vitest gives it with its default `css` setting, which processes none: an empty module, and a
 * CSS module (`card.module.scss`) an object that answers each class name with that name, so
 * `styles.card` is a string. esbuild has no loader for them, and every file of quasar's suite
 * failed to import its setup file's `index.sass`. Jest suites map stylesheets with their
 * moduleNameMapper, which applies before this.
 */
export const stylesheetsPlugin: Plugin = {
  name: 'ptest-stylesheets',
  setup(build) {
    build.onLoad({ filter: PREPROCESSED }, ({ path }) =>
      /\.module\.\w+$/.test(path)
        ? { contents: 'export default new Proxy({}, { get: (_, key) => (typeof key === "string" ? key : undefined) });', loader: 'js' }
        : { contents: '', loader: 'js' },
    );
  },
};
