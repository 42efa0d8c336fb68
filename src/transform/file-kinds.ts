/**
 * The kinds of files that are not code, by extension, for the plugins and hooks that load them:
 * Vite's asset types (its KNOWN_ASSET_TYPES, whose import gives a URL), the stylesheets, and the
 * other files a Jest transform may take (markup, documents, GraphQL, data).
 */
export const ASSET_EXTENSIONS = ['apng', 'bmp', 'png', 'jpg', 'jpeg', 'jfif', 'pjpeg', 'pjp', 'gif', 'svg', 'ico', 'webp', 'avif', 'cur', 'jxl', 'mp4', 'webm', 'ogg', 'mp3', 'wav', 'flac', 'aac', 'opus', 'mov', 'm4a', 'vtt', 'woff', 'woff2', 'eot', 'ttf', 'otf', 'webmanifest', 'pdf', 'txt'] as const;
/** the preprocessors' stylesheets, which esbuild does not load (plain `.css` it does) */
export const PREPROCESSED_EXTENSIONS = ['sass', 'scss', 'less', 'styl', 'stylus', 'pcss', 'postcss', 'sss'] as const;
export const STYLESHEET_EXTENSIONS = ['css', ...PREPROCESSED_EXTENSIONS] as const;
const OTHER_EXTENSIONS = ['html', 'htm', 'md', 'mdx', 'graphql', 'gql', 'yaml', 'yml', 'xml', 'csv'] as const;
/** every file that is not code: what a Jest transform of the suite's own may take */
export const NOT_CODE_EXTENSIONS = [...ASSET_EXTENSIONS, ...STYLESHEET_EXTENSIONS, ...OTHER_EXTENSIONS] as const;

/** a path ending in one of `extensions` (`flags`: `i` for the asset types, as Vite matches them) */
export function endingIn(extensions: readonly string[], flags = ''): RegExp {
  return new RegExp(`\\.(?:${extensions.join('|')})$`, flags);
}
