import { AppApiError } from './AppApiError';

/** Turns a failed HTTP answer into an AppApiError carrying the server's own message when it sent one. */
export async function errorFromResponse(response: Response): Promise<AppApiError> {
  const text = await response.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const body = errorBodyOf(parsed);
  if (body) return new AppApiError(response.status, body.message, body);
  const detail = text.trim().slice(0, 200);
  const statusText = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return new AppApiError(
    response.status,
    detail
      ? `The server answered ${statusText}: ${detail}`
      : `The server answered ${statusText} with no explanation: check its terminal for the cause.`,
  );
}

function errorBodyOf(value: unknown): { message: string; type?: string; code?: string | null } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const error = (value as { error?: unknown }).error;
  if (typeof error === 'string') return { message: error };
  if (typeof error !== 'object' || error === null) return undefined;
  const { message, type, code } = error as { message?: unknown; type?: unknown; code?: unknown };
  if (typeof message !== 'string') return undefined;
  return {
    message,
    ...(typeof type === 'string' ? { type } : {}),
    ...(typeof code === 'string' || code === null ? { code } : {}),
  };
}
