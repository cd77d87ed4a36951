// Browser tests on Debian's chromium through playwright-core, written once for every suite.

// Which chromium, and the CI rule for a missing one
export { CHROMIUM_HINT, type ChromiumLookup, findChromium, isCI } from './chromium.ts';
// The Mattermost-like host page that loads the real plugin bundle (the page and its files alone,
// without playwright, are also `@livestatus/browser-testing/host-page`)
export { hostFiles, hostPageHtml } from './host-page.ts';
// Launch flags and a temporary profile
export { CHROMIUM_ARGS, type LaunchOptions, launchChromium } from './launch.ts';
export { logIn, type OpenHostOptions, openMattermostHost, serveMattermostHost } from './mattermost-host.ts';
