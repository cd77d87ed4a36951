// Parses the CLI's arguments; every problem is reported together, nothing is read from the environment.
export interface CliOptions {
  help: boolean;
  port: number;
  rateLimit: boolean;
  plugins: string[];
  uploads: boolean;
  seedFile: string | undefined;
}

export const USAGE = `mm-dev-server — a Mattermost-compatible REST v4 + WebSocket server for tests and the demo

Usage: mm-dev-server [--port N] [--rate-limit] [--plugin PATH]... [--no-plugin-uploads] [--seed FILE]

  --port N              listen on 127.0.0.1:N (default 8065; 0 picks a free port)
  --rate-limit          turn on Mattermost's rate limiter (10 req/s, burst 100)
  --plugin PATH         install and enable a webapp plugin (directory or .tar.gz); repeatable
  --no-plugin-uploads   answer POST /api/v4/plugins with 501, as with EnableUploads=false
  --seed FILE           JSON seed {team, users, channels, posts} instead of the default one
  --help                this text
`;

export function parseCliArgs(argv: readonly string[]): { options: CliOptions; problems: string[] } {
  const options: CliOptions = {
    help: false,
    port: 8065,
    rateLimit: false,
    plugins: [],
    uploads: true,
    seedFile: undefined,
  };
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) problems.push(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--help':
      case '-h':
        options.help = true;
        break;
      case '--port': {
        const v = value();
        const n = Number(v);
        if (v !== undefined && (!Number.isInteger(n) || n < 0 || n > 65535))
          problems.push(`--port: not a port: ${v}`);
        else if (v !== undefined) options.port = n;
        break;
      }
      case '--rate-limit':
        options.rateLimit = true;
        break;
      case '--plugin': {
        const v = value();
        if (v !== undefined) options.plugins.push(v);
        break;
      }
      case '--no-plugin-uploads':
        options.uploads = false;
        break;
      case '--seed':
        options.seedFile = value();
        break;
      default:
        problems.push(`unknown argument: ${arg}`);
    }
  }
  return { options, problems };
}
