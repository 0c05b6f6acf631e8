export { createProxyApp, DEFAULT_PROXY_TOP_LOGPROBS, type ProxyOptions } from './createProxyApp.js';
export { RecordError } from './RecordError.js';
export { type ProxyServerOptions, startProxy } from './startProxy.js';
export { UpstreamRefusedLogprobsError } from './UpstreamRefusedLogprobsError.js';
export { UpstreamUrl } from './UpstreamUrl.js';
