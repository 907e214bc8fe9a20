export { default, meta, ErrorBoundary } from "./s.$token_.thanks";
