// Injected by the esbuild bundle; the source fallback keeps tests and `render` honest.
declare const __LIVESTATUS_VERSION__: string | undefined;
export const VERSION: string = typeof __LIVESTATUS_VERSION__ === 'string' ? __LIVESTATUS_VERSION__ : '0.1.0';
