// ingest_mb_s: tailer + parse + reduce over a ~20 MB transcript of real lines, against the same
// bytes through a bare split + JSON.parse in the same run (ingest_ratio_vs_json_parse).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLabeler, initialView, parseEntry, reduce, type SessionView } from '@livestatus/transcript';
import { createTranscriptTailer } from '../src/sources/transcript-tailer.ts';
import { largeTranscript } from './bench-data.ts';

export async function run({ quick }: { quick: boolean }) {
  const bytes = largeTranscript(quick ? 6 * 1024 * 1024 : 20 * 1024 * 1024);
  const dir = await mkdtemp(path.join(tmpdir(), 'livestatus-bench-ingest-'));
  const file = path.join(dir, 'big.jsonl');
  await writeFile(file, bytes);
  const mb = bytes.length / (1024 * 1024);
  const ctx = { labeler: createLabeler() };
  const rounds = quick ? 2 : 4;
  let ours = Number.POSITIVE_INFINITY;
  let bare = Number.POSITIVE_INFINITY;
  let entries = 0;
  try {
    for (let r = 0; r < rounds; r++) {
      // Ours: byte-offset tailer (framing, UTF-8, de-dup) + typed parse + reduce into a view.
      let t = performance.now();
      const tailer = createTranscriptTailer({ path: file, parse: parseEntry, maxInitialBytes: bytes.length });
      const read = await tailer.read();
      let view: SessionView = initialView({ key: 'k', sessionId: 's', agent: 'main', startedAt: 0 });
      for (const e of read.entries) view = reduce(view, e, ctx);
      ours = Math.min(ours, performance.now() - t);
      entries = read.entries.length;
      if (view.tokens < 0) throw new Error('unreachable');
      // Baseline: the same bytes read and JSON.parse'd line by line, nothing else.
      t = performance.now();
      const text = await readFile(file, 'utf8');
      let n = 0;
      for (const line of text.split('\n')) if (line) n += JSON.parse(line) ? 1 : 0;
      bare = Math.min(bare, performance.now() - t);
      if (n !== entries) throw new Error(`entry count mismatch: ${n} vs ${entries}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const oursMbS = mb / (ours / 1000);
  const bareMbS = mb / (bare / 1000);
  return [
    {
      name: 'ingest_mb_s',
      value: Number(oursMbS.toFixed(1)),
      unit: 'MB/s',
      baselines: { json_parse_mb_s: Number(bareMbS.toFixed(1)) },
    },
    {
      name: 'ingest_ratio_vs_json_parse',
      value: Number((oursMbS / bareMbS).toFixed(3)),
      unit: 'ratio',
      goal: { op: '>=' as const, value: 0.6 },
    },
  ];
}
