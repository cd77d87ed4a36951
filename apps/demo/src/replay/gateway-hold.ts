// A running OpenClaw gateway keeps its SQLite database open, so its `-wal` and `-shm` files exist
// for as long as it runs — and the daemon, a read-only reader, needs them (design §2). A replay
// closes its writer at the end, which would delete both files and leave a database that the
// daemon (finding new agents at its next rescan) waits on forever. The demo therefore holds one
// connection per replayed database open until it stops, as the gateway would.
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export interface GatewayHold {
  release(): void;
}

export function holdLikeAGateway(stateDir: string, agent: string): GatewayHold {
  const db = new DatabaseSync(path.join(stateDir, 'agents', agent, 'agent', 'openclaw-agent.sqlite'), {
    readOnly: true,
  });
  // The first read maps the WAL index; from then on the last-connection cleanup cannot run.
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  return {
    release: () => {
      if (db.isOpen) db.close();
    },
  };
}
