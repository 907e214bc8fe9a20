export { default, headers, meta, ErrorBoundary } from "./s.$token_.thanks";
