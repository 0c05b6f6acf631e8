/** Said where a run's confidence comes from sampling because the endpoint would not give logprobs. */
export function FallbackNotice({ message }: { message: string }) {
  return (
    <div class="notice notice-warn" role="status" data-testid="fallback-notice">
      <div class="notice-body">
        <div class="notice-title">No logprobs from this endpoint: confidence from sampling instead</div>
        <p>{message}</p>
        <p>
          The answer was asked several times without logprobs and the answers compared; agreement measures how
          stable the answer is, not whether it is true.
        </p>
      </div>
    </div>
  );
}
