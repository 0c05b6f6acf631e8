import { useCallback, useMemo, useState } from 'preact/hooks';
import { type ApiClient, createApiClient } from '../api/client';
import type { KeyRequest } from './KeyDialog';

/**
 * The API client of the page, and the key question it may ask: `askKey` opens the key dialog (for the
 * server's key on a 401, or a remote endpoint's key to branch) and resolves with the answer.
 */
export function useApiClient(): {
  api: ApiClient;
  keyRequest: KeyRequest | null;
  askKey: (request: Omit<KeyRequest, 'resolve'>) => Promise<string | null>;
} {
  const [keyRequest, setKeyRequest] = useState<KeyRequest | null>(null);
  const askKey = useCallback(
    (request: Omit<KeyRequest, 'resolve'>) =>
      new Promise<string | null>((resolve) =>
        setKeyRequest({
          ...request,
          resolve: (key) => {
            setKeyRequest(null);
            resolve(key);
          },
        }),
      ),
    [],
  );
  const api = useMemo(
    () =>
      createApiClient({
        askApiKey: (serverMessage) =>
          askKey({ title: 'This Tokenscope server needs its API key', message: serverMessage }),
      }),
    [askKey],
  );
  return { api, keyRequest, askKey };
}
