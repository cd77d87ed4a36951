// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { activeView, seedView, T0 } from '../testing/views.ts';
import { renderText } from '../text/render-text.ts';
import { DomStatusBox } from './dom-status-box.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function mount(node: React.ReactElement): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(node));
  cleanup = () => {
    act(() => root.unmount());
    container.remove();
  };
  return container;
}

const theme = {
  centerChannelBg: '#1f1f1f',
  centerChannelColor: '#dddddd',
  onlineIndicator: '#06d6a0',
  errorTextColor: '#ff6461',
  linkColor: '#5d89ea',
};

describe('DomStatusBox on React 19', () => {
  it('draws one element per line of the text host, with the same text and indentation', () => {
    const el = mount(<DomStatusBox view={seedView()} options={{ now: T0 }} theme={theme} />);
    const lines = [...el.querySelectorAll<HTMLElement>('.ls-line')];
    const text = renderText(seedView(), { now: T0 }).split('\n');
    expect(lines.map((l) => '  '.repeat(Number(l.dataset.indent)) + l.textContent)).toEqual(text);
    expect(lines.map((l) => l.className.replace('ls-line ', ''))).toEqual([
      'ls-header',
      'ls-text',
      'ls-tool',
      'ls-text',
      'ls-tool',
      'ls-text',
      'ls-subagent',
      'ls-text',
      'ls-text',
      'ls-footer',
      'ls-text',
      'ls-footer',
    ]);
  });

  it('colours tones from the Mattermost theme', () => {
    const el = mount(<DomStatusBox view={activeView()} options={{ now: T0 }} theme={theme} />);
    const box = el.querySelector<HTMLElement>('.ls-box');
    expect(box?.style.background).toBe('rgb(31, 31, 31)');
    expect(box?.style.color).toBe('rgb(221, 221, 221)');
    const err = [...el.querySelectorAll<HTMLElement>('.ls-error')].find((s) => s.textContent === ' [ERR]');
    expect(err?.style.color).toBe('rgb(255, 100, 97)');
    expect(el.querySelector<HTMLElement>('.ls-accent')?.style.color).toBe('rgb(93, 137, 234)');
  });

  it('ignores theme values that are not colours', () => {
    const el = mount(
      <DomStatusBox
        view={seedView()}
        options={{ now: T0 }}
        theme={{ centerChannelBg: 'red; background-image: url(https://evil.example/x)' }}
      />,
    );
    expect(el.querySelector<HTMLElement>('.ls-box')?.getAttribute('style')).not.toContain('evil');
  });

  it('matches its snapshot', () => {
    const el = mount(<DomStatusBox view={activeView()} options={{ now: T0 + 158_000 }} theme={theme} />);
    expect(el.innerHTML).toMatchSnapshot();
  });
});
