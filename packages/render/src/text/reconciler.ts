// A minimal React renderer whose host elements are rows and spans of text. It renders
// synchronously (legacy root + updateContainerSync) so `renderText` is a plain function call.
import type { ReactNode } from 'react';
import createReconciler from 'react-reconciler';
import { DefaultEventPriority, LegacyRoot } from 'react-reconciler/constants.js';
import type { LineKind, Tone } from '../components/primitives.tsx';
import type { DocLine, DocSpan } from './document.ts';

export const BOX = 'ls-box';
export const LINE = 'ls-line';
export const SPAN = 'ls-span';

type Props = Record<string, unknown>;
interface HostNode {
  type: string;
  props: Props;
  children: HostChild[];
}
interface HostText {
  type: '#text';
  text: string;
}
type HostChild = HostNode | HostText;
interface Container {
  children: HostChild[];
}

function remove(list: HostChild[], child: HostChild) {
  const i = list.indexOf(child);
  if (i >= 0) list.splice(i, 1);
}
function insertBefore(list: HostChild[], child: HostChild, before: HostChild) {
  remove(list, child);
  const i = list.indexOf(before);
  list.splice(i < 0 ? list.length : i, 0, child);
}

let priority = DefaultEventPriority;
const HOST_CONTEXT = {};

const hostConfig = {
  supportsMutation: true,
  supportsPersistence: false,
  supportsHydration: false,
  isPrimaryRenderer: false,
  rendererPackageName: '@livestatus/render/text',
  rendererVersion: '0.1.0',
  extraDevToolsConfig: null,
  noTimeout: -1,
  scheduleTimeout: setTimeout,
  cancelTimeout: clearTimeout,
  supportsMicrotasks: true,
  scheduleMicrotask: queueMicrotask,
  // React treats a null host context as missing, so the (unused) context is an object.
  getRootHostContext: () => HOST_CONTEXT,
  getChildHostContext: (parent: unknown) => parent,
  // A span's string child is its content: no text instance is created for it.
  shouldSetTextContent: (type: string, props: Props) => type === SPAN && typeof props.children === 'string',
  createInstance: (type: string, props: Props): HostNode => ({ type, props, children: [] }),
  createTextInstance: (text: string): HostText => ({ type: '#text', text }),
  appendInitialChild: (parent: HostNode, child: HostChild) => parent.children.push(child),
  appendChild: (parent: HostNode, child: HostChild) => {
    remove(parent.children, child);
    parent.children.push(child);
  },
  appendChildToContainer: (c: Container, child: HostChild) => {
    remove(c.children, child);
    c.children.push(child);
  },
  insertBefore: (parent: HostNode, child: HostChild, before: HostChild) =>
    insertBefore(parent.children, child, before),
  insertInContainerBefore: (c: Container, child: HostChild, before: HostChild) =>
    insertBefore(c.children, child, before),
  removeChild: (parent: HostNode, child: HostChild) => remove(parent.children, child),
  removeChildFromContainer: (c: Container, child: HostChild) => remove(c.children, child),
  clearContainer: (c: Container) => {
    c.children.length = 0;
  },
  finalizeInitialChildren: () => false,
  commitUpdate: (node: HostNode, _type: string, _old: Props, next: Props) => {
    node.props = next;
  },
  commitTextUpdate: (node: HostText, _old: string, next: string) => {
    node.text = next;
  },
  resetTextContent: () => {},
  hideInstance: () => {},
  unhideInstance: () => {},
  hideTextInstance: (node: HostText) => {
    node.text = '';
  },
  unhideTextInstance: (node: HostText, text: string) => {
    node.text = text;
  },
  getPublicInstance: (i: unknown) => i,
  prepareForCommit: () => null,
  resetAfterCommit: () => {},
  preparePortalMount: () => {},
  detachDeletedInstance: () => {},
  beforeActiveInstanceBlur: () => {},
  afterActiveInstanceBlur: () => {},
  getInstanceFromNode: () => null,
  getInstanceFromScope: () => null,
  prepareScopeUpdate: () => {},
  createFragmentInstance: () => null,
  setCurrentUpdatePriority: (p: number) => {
    priority = p;
  },
  getCurrentUpdatePriority: () => priority,
  resolveUpdatePriority: () => priority || DefaultEventPriority,
  maySuspendCommit: () => false,
  maySuspendCommitOnUpdate: () => false,
  maySuspendCommitInSyncRender: () => false,
  preloadInstance: () => true,
  startSuspendingCommit: () => {},
  suspendInstance: () => {},
  suspendOnActiveViewTransition: () => {},
  waitForCommitToBeReady: () => null,
  getSuspendedCommitReason: () => null,
  NotPendingTransition: null,
  HostTransitionContext: { $$typeof: Symbol.for('react.context'), _currentValue: null, _currentValue2: null },
  resetFormInstance: () => {},
  requestPostPaintCallback: () => {},
  shouldAttemptEagerTransition: () => false,
  trackSchedulerEvent: () => {},
  resolveEventType: () => null,
  resolveEventTimeStamp: () => -1.1,
};

type AnyConfig = Parameters<typeof createReconciler>[0];
let reconciler: ReturnType<typeof createReconciler> | undefined;

function toSpans(node: HostNode, out: DocSpan[]) {
  for (const child of node.children) {
    if (child.type === '#text') out.push({ text: (child as HostText).text });
    else toSpans(child as HostNode, out);
  }
  if (node.type === SPAN && typeof node.props.children === 'string') {
    const span: DocSpan = { text: node.props.children };
    if (node.props.tone) span.tone = node.props.tone as Tone;
    if (node.props.bold) span.bold = true;
    out.push(span);
  }
}

function collectLines(children: HostChild[], out: DocLine[]) {
  for (const child of children) {
    if (child.type === '#text') continue;
    const node = child as HostNode;
    if (node.type === LINE) {
      const spans: DocSpan[] = [];
      toSpans(node, spans);
      out.push({ indent: Number(node.props.indent) || 0, kind: node.props.kind as LineKind, spans });
    } else collectLines(node.children, out);
  }
}

let root: { container: Container; fiberRoot: unknown } | undefined;
let failure: unknown;
const onError = (error: unknown) => {
  failure ??= error;
};

/**
 * Renders a React tree built from the text primitives into rows of spans, synchronously. One
 * root is kept and updated (React diffs the tree): creating a root per call is several times
 * slower, and legacy roots are not released promptly after an unmount.
 */
export function renderToDocument(element: ReactNode): DocLine[] {
  reconciler ??= createReconciler(hostConfig as unknown as AnyConfig);
  if (!root) {
    const container: Container = { children: [] };
    const fiberRoot = reconciler.createContainer(
      container,
      LegacyRoot,
      null,
      false,
      null,
      '',
      onError,
      onError,
      () => {},
      () => {},
      null,
    );
    root = { container, fiberRoot };
  }
  failure = undefined;
  reconciler.updateContainerSync(
    element,
    root.fiberRoot as Parameters<typeof reconciler.updateContainerSync>[1],
    null,
    null,
  );
  reconciler.flushSyncWork();
  if (failure !== undefined) {
    // A failed render leaves the root unusable: start afresh next time.
    root = undefined;
    const error = failure;
    failure = undefined;
    throw error;
  }
  const lines: DocLine[] = [];
  collectLines(root.container.children, lines);
  return lines;
}
