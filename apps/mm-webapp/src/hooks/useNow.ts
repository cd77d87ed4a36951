// The current time from the shared ticker, re-rendering each tick only while `live` (a finished
// box has nothing to count).
import { useEffect, useState } from 'react';
import type { Ticker } from '../ticker/ticker.ts';

export function useNow(ticker: Ticker, live: boolean): number {
  const [now, setNow] = useState(() => ticker.now());
  useEffect(() => {
    setNow(ticker.now());
    if (!live) return undefined;
    return ticker.subscribe(setNow);
  }, [ticker, live]);
  return now;
}
