// The plugin id as the server knows it (plugin.json). Kept as a constant so the bundle does not
// carry the manifest; manifest.test.ts pins the two together.
export const PLUGIN_ID = 'com.openclaw.livestatus';
/** The post type the daemon writes (design §5). */
export const POST_TYPE = 'custom_livestatus';
