import { createContext, useContext } from "react";

/** The Content-Security-Policy nonce of this response (server render only; the browser hides it afterwards). */
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
