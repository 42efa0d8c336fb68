// The benchmark scripts' command lines: one loop for all of them. `options` maps each flag to the
// option it sets and how its value is read (`true` for a flag that takes none); anything else,
// or a flag missing its value, goes to `fail`; --help prints `usage` and exits.

export const list = (value) => value.split(',');

export function readArgs(argv, { defaults, options, aliases = {}, usage, fail }) {
  const opts = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const flag = aliases[argv[i]] ?? argv[i];
    if (flag === '--help' || flag === '-h') (console.log(usage), process.exit(0));
    const option = options[flag];
    if (!option) fail(`unknown argument ${argv[i]}`);
    const [key, read] = option;
    if (read === true) {
      opts[key] = true;
      continue;
    }
    if (i + 1 >= argv.length) fail(`${argv[i]} needs a value`);
    opts[key] = read(argv[++i]);
  }
  return opts;
}
