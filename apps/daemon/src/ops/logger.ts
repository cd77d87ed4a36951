// pino with redaction: the token can only reach a log line through a mistake, and these paths
// catch the usual ones (headers, config objects).
import { pino } from 'pino';
import type { LogLevel } from '../config/config.ts';

export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream) {
  const opts = {
    level,
    base: { name: 'livestatus-daemon' },
    redact: {
      paths: [
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        'headers.authorization',
        '*.headers.authorization',
        'mattermost.token',
        'config.mattermost.token',
        'MM_TOKEN',
        '*.MM_TOKEN',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(opts, destination as pino.DestinationStream) : pino(opts, pino.destination(2));
}
