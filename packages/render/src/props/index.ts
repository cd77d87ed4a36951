// Props host: the box as compact, versioned, redacted JSON for `post.props.livestatus`, and the
// validator that turns untrusted props back into a SessionView.
export type { LivestatusPropsV1, PropsLine, PropsSubagent, StateCode, ToolCode } from './format.ts';
export { PROPS_KEY } from './format.ts';
export { type PropsOptions, toProps } from './to-props.ts';
export { fromProps, PROPS_LIMITS, type PropsResult, validateProps } from './validate.ts';
