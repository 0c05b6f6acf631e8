/** Statuses an upstream refuses a parameter with. */
const REFUSAL_STATUSES = new Set([400, 403, 422]);

/**
 * True when an error answer is about the logprobs the proxy added: a 400 / 403 / 422 whose body
 * names them (`logprobs`, `top_logprobs`, the Responses `include` entry or parameter). Known texts:
 * OpenAI's "You are not allowed to request logprobs from this model", Azure's "Unrecognized request
 * argument supplied: logprobs", Ollama's "top_logprobs must be between 0 and 20", vLLM's limit on
 * `top_logprobs`, Responses' "'include' is not supported with this model". A false positive costs one
 * extra request (the client's own, whose answer it then gets); a miss gives the client the refusal.
 */
export function isLogprobsRefusal(status: number, body: string): boolean {
  if (!REFUSAL_STATUSES.has(status)) return false;
  return (
    /logprob/i.test(body) ||
    (/\binclude\b/i.test(body) && /not supported|unsupported|unrecognized/i.test(body))
  );
}
