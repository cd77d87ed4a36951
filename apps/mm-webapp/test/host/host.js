// A stand-in for Mattermost's webapp, as far as a plugin can see it (reference/mattermost.md §3–4):
// the React 18.2 / ReactDOM / Redux / ReactRedux / PropTypes globals (loaded before this file),
// `window.registerPlugin`, a registry with the methods Live Status uses, a Redux store in
// mattermost-redux's `entities` layout filled from the server's REST API, a post list that
// renders registered post type components the way post_message_view.tsx does (and markdown
// posts with an "(edited)" label when edit_at > 0), the RHS, App Bar and channel header, and the
// server's WebSocket events fed first to the store and then to the plugins' handlers.
/* global React, ReactDOM, Redux, ReactRedux */
// A classic script (no modules): top-level names are the page's own.
const h = React.createElement;
const params = new URLSearchParams(location.search);
const THEMES = {
  light: {
    centerChannelBg: '#ffffff',
    centerChannelColor: '#3f4350',
    linkColor: '#386fe5',
    buttonBg: '#1c58d9',
    buttonColor: '#ffffff',
    onlineIndicator: '#06d6a0',
    errorTextColor: '#d24b4e',
  },
  dark: {
    centerChannelBg: '#1f1f1f',
    centerChannelColor: '#dddddd',
    linkColor: '#5d89ea',
    buttonBg: '#1c58d9',
    buttonColor: '#ffffff',
    onlineIndicator: '#3db887',
    errorTextColor: '#da6c6e',
  },
};
const themeName = params.get('theme') === 'dark' ? 'dark' : 'light';
const theme = THEMES[themeName];
const hexRgb = (hex) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ');
const rootStyle = document.documentElement.style;
rootStyle.setProperty('--center-channel-bg', theme.centerChannelBg);
rootStyle.setProperty('--center-channel-color', theme.centerChannelColor);
rootStyle.setProperty('--center-channel-color-rgb', hexRgb(theme.centerChannelColor));
rootStyle.setProperty('--link-color', theme.linkColor);
rootStyle.setProperty('--button-bg', theme.buttonBg);
rootStyle.setProperty('--button-color', theme.buttonColor);
rootStyle.setProperty('--online-indicator', theme.onlineIndicator);
document.body.style.background = theme.centerChannelBg;
document.body.style.color = theme.centerChannelColor;

// ---- store (mattermost-redux shapes) -------------------------------------------------------
const initial = {
  entities: {
    general: { config: { SiteURL: location.origin } },
    users: { currentUserId: '', profiles: {} },
    teams: { currentTeamId: '', teams: {} },
    channels: { currentChannelId: '', channels: {}, myMembers: {} },
    posts: { posts: {} },
    preferences: {
      myPreferences: { 'theme--': { category: 'theme', name: '', value: JSON.stringify(theme) } },
    },
  },
  plugins: { components: {}, postTypes: {}, rhsOpen: null },
};
const set = (obj, key, value) => ({ ...obj, [key]: value });
function reducer(state = initial, a) {
  const e = state.entities;
  switch (a.type) {
    case 'RECEIVED_ME':
      return { ...state, entities: { ...e, users: { ...e.users, currentUserId: a.data.id } } };
    case 'RECEIVED_PROFILES_LIST': {
      const profiles = { ...e.users.profiles };
      for (const u of a.data) profiles[u.id] = u;
      return { ...state, entities: { ...e, users: { ...e.users, profiles } } };
    }
    case 'RECEIVED_TEAM':
      return {
        ...state,
        entities: { ...e, teams: { currentTeamId: a.data.id, teams: { [a.data.id]: a.data } } },
      };
    case 'RECEIVED_MY_CHANNELS': {
      const channels = {};
      const myMembers = {};
      for (const c of a.data) {
        channels[c.id] = c;
        myMembers[c.id] = { channel_id: c.id, user_id: e.users.currentUserId };
      }
      return { ...state, entities: { ...e, channels: { ...e.channels, channels, myMembers } } };
    }
    case 'SELECT_CHANNEL':
      return { ...state, entities: { ...e, channels: { ...e.channels, currentChannelId: a.data } } };
    case 'RECEIVED_POSTS': {
      const posts = { ...e.posts.posts };
      for (const p of a.data) posts[p.id] = p;
      return { ...state, entities: { ...e, posts: { posts } } };
    }
    case 'PLUGIN_COMPONENT':
      return {
        ...state,
        plugins: set(state.plugins, 'components', set(state.plugins.components, a.id, a.entry)),
      };
    case 'PLUGIN_COMPONENT_REMOVED': {
      const { [a.id]: _gone, ...components } = state.plugins.components;
      return { ...state, plugins: { ...state.plugins, components } };
    }
    case 'TOGGLE_RHS_PLUGIN':
      return set(
        state,
        'plugins',
        set(state.plugins, 'rhsOpen', state.plugins.rhsOpen === a.id ? null : a.id),
      );
    default:
      return state;
  }
}
const store = Redux.createStore(reducer);

// ---- registry --------------------------------------------------------------------------------
let nextId = 1;
const wsHandlers = {};
const reconnectHandlers = {};
class Registry {
  constructor(pluginId) {
    this.pluginId = pluginId;
  }
  add(kind, fields) {
    const id = `c${nextId++}`;
    store.dispatch({ type: 'PLUGIN_COMPONENT', id, entry: { kind, pluginId: this.pluginId, ...fields } });
    return id;
  }
  registerPostTypeComponent(type, component) {
    if (!type.startsWith('custom_')) throw new Error('Custom post types must be prefixed with custom_');
    return this.add('postType', { type, component });
  }
  registerRootComponent(component) {
    return this.add('root', { component });
  }
  registerRightHandSidebarComponent(component, title) {
    const id = this.add('rhs', { component, title });
    return {
      id,
      showRHSPlugin: { type: 'TOGGLE_RHS_PLUGIN', id },
      hideRHSPlugin: { type: 'TOGGLE_RHS_PLUGIN', id },
      toggleRHSPlugin: { type: 'TOGGLE_RHS_PLUGIN', id },
    };
  }
  registerAppBarComponent(iconUrl, action, tooltipText) {
    return this.add('appBar', { iconUrl, action, tooltipText });
  }
  registerChannelHeaderButtonAction(icon, action, dropdownText, tooltipText) {
    return this.add('channelHeader', { icon, action, dropdownText, tooltipText });
  }
  registerWebSocketEventHandler(event, handler) {
    wsHandlers[this.pluginId] = { ...wsHandlers[this.pluginId], [event]: handler };
  }
  unregisterWebSocketEventHandler(event) {
    if (wsHandlers[this.pluginId]) delete wsHandlers[this.pluginId][event];
  }
  registerReconnectHandler(handler) {
    reconnectHandlers[this.pluginId] = handler;
  }
  unregisterReconnectHandler() {
    delete reconnectHandlers[this.pluginId];
  }
  unregisterComponent(id) {
    store.dispatch({ type: 'PLUGIN_COMPONENT_REMOVED', id });
  }
  unregisterPostTypeComponent(id) {
    store.dispatch({ type: 'PLUGIN_COMPONENT_REMOVED', id });
  }
}
window.plugins = {};
window.registerPlugin = (id, plugin) => {
  const old = window.plugins[id];
  if (old?.uninitialize) old.uninitialize();
  window.plugins[id] = plugin;
};

// ---- UI ----------------------------------------------------------------------------------------
const { useSelector, Provider } = ReactRedux;
const byKind = (state, kind) => Object.entries(state.plugins.components).filter(([, c]) => c.kind === kind);

function Post({ post }) {
  const author = useSelector((s) => s.entities.users.profiles[post.user_id]);
  const postTypes = useSelector((s) => byKind(s, 'postType'));
  const found = postTypes.find(
    ([, c]) => c.type === (typeof post.props?.type === 'string' ? post.props.type : post.type),
  );
  let body;
  if (found) {
    const Component = found[1].component;
    body = h(Component, { post, theme, isRHS: false, compactDisplay: false });
  } else {
    body = h(
      'div',
      { className: 'post-message__text' },
      post.message,
      post.edit_at > 0 ? h('span', { className: 'post-edited__indicator' }, ' (edited)') : null,
    );
  }
  return h(
    'div',
    { className: 'post', 'data-post-id': post.id, id: `post_${post.id}`, style: { padding: '8px 16px' } },
    h(
      'strong',
      { style: { display: 'block' } },
      author ? author.username : post.user_id,
      author?.is_bot ? ' BOT' : '',
    ),
    body,
  );
}

function PostList() {
  const channelId = useSelector((s) => s.entities.channels.currentChannelId);
  const posts = useSelector((s) => s.entities.posts.posts);
  const list = Object.values(posts)
    .filter((p) => p.channel_id === channelId && !p.delete_at)
    .sort((a, b) => a.create_at - b.create_at);
  return h(
    'div',
    { id: 'post-list', style: { flex: 1, overflowY: 'auto' } },
    list.map((p) => h(Post, { key: p.id, post: p })),
  );
}

function App() {
  const roots = useSelector((s) => byKind(s, 'root'));
  const appBar = useSelector((s) => byKind(s, 'appBar'));
  const headerButtons = useSelector((s) => byKind(s, 'channelHeader'));
  const rhsOpen = useSelector((s) => s.plugins.rhsOpen);
  const rhs = useSelector((s) => (s.plugins.rhsOpen ? s.plugins.components[s.plugins.rhsOpen] : undefined));
  return h(
    'div',
    { style: { display: 'flex', height: '100vh', fontFamily: 'sans-serif', fontSize: 14 } },
    h(
      'div',
      { style: { flex: 1, display: 'flex', flexDirection: 'column', minWidth: 0 } },
      h(
        'div',
        {
          id: 'channel-header',
          style: { padding: 8, borderBottom: '1px solid #8884', display: 'flex', gap: 8 },
        },
        h('strong', { style: { flex: 1 } }, 'Town Square'),
        headerButtons.map(([id, c]) =>
          h('button', { key: id, type: 'button', 'aria-label': c.tooltipText, onClick: c.action }, c.icon),
        ),
      ),
      h(PostList),
    ),
    rhsOpen && rhs
      ? h(
          'div',
          {
            id: 'rhs',
            style: { width: 400, borderLeft: '1px solid #8884', display: 'flex', flexDirection: 'column' },
          },
          h('div', { style: { padding: 8, fontWeight: 700 } }, rhs.title),
          h(rhs.component),
        )
      : null,
    h(
      'div',
      { id: 'app-bar', style: { width: 48, borderLeft: '1px solid #8884', paddingTop: 8 } },
      appBar.map(([id, c]) =>
        h(
          'button',
          {
            key: id,
            type: 'button',
            'aria-label': c.tooltipText,
            onClick: c.action,
            style: { border: 0, background: 'none' },
          },
          h('img', { src: c.iconUrl, width: 24, height: 24, alt: '' }),
        ),
      ),
    ),
    roots.map(([id, c]) => h(c.component, { key: id })),
  );
}

// ---- boot: REST like the webapp, then plugins, then the WebSocket ------------------------------
const api = async (path) => {
  const res = await fetch(`/api/v4${path}`, {
    credentials: 'include',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
};
window.__host = {
  store,
  navigations: [],
  events: 0,
  removePlugin(id) {
    // Only the plugin's own uninitialize: the test checks that it cleaned up after itself.
    window.plugins[id]?.uninitialize?.();
  },
  wsHandlerCount: (id) => Object.keys(wsHandlers[id] ?? {}).length,
};
window.WebappUtils = { browserHistory: { push: (path) => window.__host.navigations.push(path) } };

async function boot() {
  const me = await api('/users/me');
  store.dispatch({ type: 'RECEIVED_ME', data: me });
  const [team] = await api('/users/me/teams');
  store.dispatch({ type: 'RECEIVED_TEAM', data: team });
  const channels = await api(`/users/me/teams/${team.id}/channels`);
  const current = channels.find((c) => c.name === 'town-square') ?? channels[0];
  store.dispatch({ type: 'SELECT_CHANNEL', data: current.id });
  const list = await api(`/channels/${current.id}/posts`);
  store.dispatch({ type: 'RECEIVED_POSTS', data: Object.values(list.posts) });
  // The real webapp loads the current user's profile; authors of posts are the plugin's concern here.
  store.dispatch({ type: 'RECEIVED_PROFILES_LIST', data: [me] });

  const root = ReactDOM.createRoot(document.getElementById('root'));
  root.render(h(Provider, { store }, h(App)));

  // Channels arrive after the plugins in a real page load as well; the plugin must cope.
  setTimeout(() => store.dispatch({ type: 'RECEIVED_MY_CHANNELS', data: channels }), 50);

  const manifests = await api('/plugins/webapp');
  for (const m of manifests) {
    if (!m.webapp?.bundle_path) continue;
    const file = m.webapp.bundle_path.split('/').pop();
    await new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.id = `plugin_${m.id}`;
      s.src = `/static/plugins/${m.id}/${file}`;
      s.onload = resolve;
      s.onerror = () => reject(new Error(`bundle of ${m.id} failed to load`));
      document.head.appendChild(s);
    });
    const plugin = window.plugins[m.id];
    if (!plugin) throw new Error(`${m.id} did not call registerPlugin`);
    plugin.initialize(new Registry(m.id), store);
  }

  const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/api/v4/websocket`);
  ws.onmessage = (ev) => {
    const msg = JSON.parse(ev.data);
    if (!msg.event) return;
    if (msg.event === 'posted' || msg.event === 'post_edited') {
      store.dispatch({ type: 'RECEIVED_POSTS', data: [JSON.parse(msg.data.post)] });
    }
    for (const handlers of Object.values(wsHandlers)) {
      if (Object.hasOwn(handlers, msg.event) && typeof handlers[msg.event] === 'function')
        handlers[msg.event](msg);
    }
    window.__host.events += 1;
  };
  await new Promise((resolve) => {
    ws.onopen = resolve;
  });
  window.__host.ready = true;
}
boot().catch((err) => {
  window.__host.error = String(err?.stack ?? err);
});
