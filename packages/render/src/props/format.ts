// The serialised box the daemon stores in `post.props.livestatus` and the webapp reads back.
// Version 1, compact (short keys, lines as tuples, no ids or per-line timestamps — nothing the
// components draw needs them), already redacted and bounded.

/** a = active, d = done, e = error, i = interrupted */
export type StateCode = 'a' | 'd' | 'e' | 'i';
/** p = pending, o = ok, e = error */
export type ToolCode = 'p' | 'o' | 'e';

export type PropsLine =
  /** assistant text */
  | ['t', string]
  /** tool call: tool, label, status, detail ('' when none), the sub-agent it spawned */
  | ['x', string, string, ToolCode, string, PropsSubagent?]
  /** note: c = compacted, e = error; text */
  | ['n', 'c' | 'e', string];

export interface PropsSubagent {
  k: string;
  l: string;
  s: StateCode;
  t0: number;
  t1?: number;
  tk: number;
  c?: number;
  /** earlier lines not included */
  d?: number;
  L: PropsLine[];
}

export interface LivestatusPropsV1 {
  v: 1;
  /** session key */
  k: string;
  /** session id */
  id: string;
  /** agent */
  a: string;
  /** header label */
  l: string;
  s: StateCode;
  /** turn */
  n: number;
  t0: number;
  t1?: number;
  /** last activity */
  la: number;
  /** quiet: since (epoch ms), for (ms), doing */
  q?: [number, number, string];
  tk: number;
  c?: number;
  m?: string;
  e?: string;
  /** compactions */
  cp: number;
  /** earlier lines not included */
  d?: number;
  L: PropsLine[];
}

/** The props key the daemon writes and the webapp reads. */
export const PROPS_KEY = 'livestatus';
