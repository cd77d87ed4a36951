// Jumping to a status post: Mattermost's permalink route `/<team>/pl/<postId>` opens the channel
// (or the thread) and highlights the post. Inside the webapp the router's history is used, so
// the page does not reload.
export function permalink(teamName: string | undefined, postId: string, basename = ''): string {
  const team = teamName ? encodeURIComponent(teamName) : '_redirect';
  return `${basename}/${team}/pl/${encodeURIComponent(postId)}`;
}

export function navigateTo(path: string, win: Window = window): void {
  const history = win.WebappUtils?.browserHistory;
  if (history && typeof history.push === 'function') history.push(path);
  else win.location.assign(path);
}
