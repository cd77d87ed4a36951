// The plugin's icon: a terminal prompt. One SVG, as an element for the channel header and as a
// data URL for the App Bar (which takes an image URL).
const PATH =
  'M4 5h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1Zm2.3 4.3 2.7 2.7-2.7 2.7 1.4 1.4 4.1-4.1-4.1-4.1-1.4 1.4ZM12 15v2h5v-2h-5Z';

export function TerminalIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
      <path d={PATH} />
    </svg>
  );
}

export const APP_BAR_ICON_URL = `data:image/svg+xml;utf8,${encodeURIComponent(
  `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="#3f4350"><path d="${PATH}"/></svg>`,
)}`;
