/** Default largest request body of the JSON APIs (`/v1`, `/api` except imports): 4 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
