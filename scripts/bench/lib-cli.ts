/** The benchmark scripts' command line: `--name value` options and `--flag` switches. */
const argv = process.argv.slice(2);

/** The value after `--name`, or undefined when the option is absent. */
export function cliOption(name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** Whether the switch `--name` is given. */
export const cliFlag = (name: string): boolean => argv.includes(`--${name}`);
