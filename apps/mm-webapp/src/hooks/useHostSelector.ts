// Reads one value from the host's Redux store and re-renders when it changes. The selector must
// return a primitive (or a stable reference): equality is `Object.is`.
import { useEffect, useState } from 'react';
import type { HostStore } from '../host/types.ts';

export function useHostSelector<T>(
  store: Pick<HostStore, 'getState' | 'subscribe'>,
  select: (state: unknown) => T,
): T {
  const [value, setValue] = useState(() => select(store.getState()));
  useEffect(() => {
    const update = () => setValue(() => select(store.getState()));
    update();
    return store.subscribe(update);
  }, [store, select]);
  return value;
}
