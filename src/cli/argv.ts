/**
 * Options that must be known before a command is even found (Django pre-parses them too):
 * --settings and --pythonpath decide which project's commands exist; colour flags style errors.
 */
export interface GlobalFlags {
  settings?: string;
  pythonpath?: string;
  traceback: boolean;
  noColor: boolean;
  forceColor: boolean;
  verbosity: number;
}

function valueOf(argv: readonly string[], name: string): string | undefined {
  let found: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === name && i + 1 < argv.length) found = argv[i + 1];
    else if (arg.startsWith(`${name}=`)) found = arg.slice(name.length + 1);
  });
  return found;
}

export function preparseGlobalFlags(argv: readonly string[]): GlobalFlags {
  const verbosity = Number(valueOf(argv, '--verbosity') ?? valueOf(argv, '-v') ?? 1);
  const flags: GlobalFlags = {
    traceback: argv.includes('--traceback'),
    noColor: argv.includes('--no-color'),
    forceColor: argv.includes('--force-color'),
    verbosity: Number.isInteger(verbosity) ? verbosity : 1,
  };
  const settings = valueOf(argv, '--settings');
  const pythonpath = valueOf(argv, '--pythonpath');
  if (settings !== undefined) flags.settings = settings;
  if (pythonpath !== undefined) flags.pythonpath = pythonpath;
  return flags;
}
