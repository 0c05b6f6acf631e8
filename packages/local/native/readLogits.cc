// One pass over a position's logits: the maximum, the log-sum-exp, the k most likely tokens and a
// given token's logit, read straight from llama.cpp's logits buffer without copying the vocabulary
// into a candidate array or sorting it. Built on install (scripts/buildNative.mjs) against the
// llama.cpp and addon headers that node-llama-cpp ships, so that the layout of its context object
// is the one its prebuilt binary uses; `bind` checks that layout before anything is read.
#include <dlfcn.h>
#include <link.h>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "AddonContext.h"
#include "AddonModel.h"
#include "napi.h"

namespace {

using GetLogitsIth = float* (*)(llama_context*, int32_t);
using GetModel = const llama_model* (*)(const llama_context*);
using ModelGetVocab = const llama_vocab* (*)(const llama_model*);
using VocabNTokens = int32_t (*)(const llama_vocab*);
using NCtx = uint32_t (*)(const llama_context*);

struct LlamaApi {
  GetLogitsIth getLogitsIth = nullptr;
  GetModel getModel = nullptr;
  ModelGetVocab modelGetVocab = nullptr;
  VocabNTokens vocabNTokens = nullptr;
  NCtx nCtx = nullptr;
  std::string library;
};

LlamaApi api;

int findLlama(struct dl_phdr_info* info, size_t, void* data) {
  auto* found = static_cast<std::string*>(data);
  if (info->dlpi_name != nullptr && std::strstr(info->dlpi_name, "/libllama") != nullptr &&
      std::strstr(info->dlpi_name, "libllama-common") == nullptr) {
    *found = info->dlpi_name;
    return 1;
  }
  return 0;
}

// The libllama node-llama-cpp loaded (whichever build: CPU, CUDA, Vulkan): its functions, by name.
std::string loadApi() {
  if (api.getLogitsIth != nullptr) return "";
  std::string path;
  dl_iterate_phdr(findLlama, &path);
  if (path.empty()) return "libllama is not loaded in this process (load a model with node-llama-cpp first)";
  void* handle = dlopen(path.c_str(), RTLD_LAZY | RTLD_NOLOAD);
  if (handle == nullptr) return "cannot open " + path;
  api.getLogitsIth = reinterpret_cast<GetLogitsIth>(dlsym(handle, "llama_get_logits_ith"));
  api.getModel = reinterpret_cast<GetModel>(dlsym(handle, "llama_get_model"));
  api.modelGetVocab = reinterpret_cast<ModelGetVocab>(dlsym(handle, "llama_model_get_vocab"));
  api.vocabNTokens = reinterpret_cast<VocabNTokens>(dlsym(handle, "llama_vocab_n_tokens"));
  api.nCtx = reinterpret_cast<NCtx>(dlsym(handle, "llama_n_ctx"));
  api.library = path;
  if (!api.getLogitsIth || !api.getModel || !api.modelGetVocab || !api.vocabNTokens || !api.nCtx) {
    api.getLogitsIth = nullptr;
    return path + " lacks llama_get_logits_ith, llama_get_model, llama_model_get_vocab, llama_vocab_n_tokens or llama_n_ctx";
  }
  return "";
}

// exp(x) for x <= 0, to about 1e-7 relative: 2^(x log2 e) split into an integer power and a
// degree-6 polynomial on [-0.5, 0.5] (Cephes' exp2f coefficients). Written so that the loop below
// vectorizes (no libm call, no errno).
inline float expNonPositive(float x) {
  x = std::max(x, -87.0f);
  const float t = x * 1.44269504088896341f;
  // Round to nearest with the 1.5 * 2^23 trick (vectorizes everywhere; |t| < 2^22 here).
  const float r = (t + 12582912.0f) - 12582912.0f;
  const float f = t - r;
  float p = 1.535336188319500e-4f;
  p = p * f + 1.339887440266574e-3f;
  p = p * f + 9.618437357674640e-3f;
  p = p * f + 5.550332471162809e-2f;
  p = p * f + 2.402264791363012e-1f;
  p = p * f + 6.931472028550421e-1f;
  p = p * f + 1.0f;
  const int32_t e = static_cast<int32_t>(r) + 127;
  float scale;
  const int32_t bits = e << 23;
  std::memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

// Sum of exp(v[i] - max) in double precision: the `omp simd` reduction splits it into vector lanes
// (AVX2 where the CPU has it, chosen at load time); exp itself is the single-precision polynomial.
__attribute__((target_clones("avx2", "default"))) double sumExp(const float* v, int32_t n, float max) {
  double sum = 0;
#pragma omp simd reduction(+ : sum)
  for (int32_t i = 0; i < n; i++) sum += static_cast<double>(expNonPositive(v[i] - max));
  return sum;
}

// The largest of n values (n <= 64), with vector instructions where the CPU has them.
__attribute__((target_clones("avx2", "default"))) float chunkMaximum(const float* v, int32_t n) {
  float max = -INFINITY;
#pragma omp simd reduction(max : max)
  for (int32_t i = 0; i < n; i++) max = v[i] > max ? v[i] : max;
  return max;
}

template <typename T>
T* unwrap(Napi::Env env, Napi::Value value) {
  void* raw = nullptr;
  if (!value.IsObject() || napi_unwrap(env, value, &raw) != napi_ok) return nullptr;
  return static_cast<T*>(static_cast<Napi::ObjectWrap<T>*>(raw));
}

struct Bound {
  llama_context* ctx;
  int32_t vocab;
};

// bind(nativeContext, nativeModel, contextSize) -> External, after checking the layout: the context
// object's model pointer is the model object's, its n_ctx is the context size JavaScript knows, and
// llama.cpp agrees on both.
Napi::Value Bind(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string error = loadApi();
  if (!error.empty()) throw Napi::Error::New(env, error);
  auto* context = unwrap<AddonContext>(env, info[0]);
  auto* model = unwrap<AddonModel>(env, info[1]);
  if (context == nullptr || model == nullptr) throw Napi::Error::New(env, "expected node-llama-cpp's native context and model objects");
  uint32_t contextSize = info[2].As<Napi::Number>().Uint32Value();
  if (context->model != model || context->ctx == nullptr || model->model == nullptr ||
      context->context_params.n_ctx != contextSize) {
    throw Napi::Error::New(env, "node-llama-cpp's context object does not have the layout these headers describe");
  }
  if (api.getModel(context->ctx) != model->model || api.nCtx(context->ctx) != contextSize) {
    throw Napi::Error::New(env, "llama.cpp does not recognise the context read from node-llama-cpp's object");
  }
  int32_t vocab = api.vocabNTokens(api.modelGetVocab(model->model));
  auto* bound = new Bound{context->ctx, vocab};
  return Napi::External<Bound>::New(env, bound, [](Napi::Env, Bound* b) { delete b; });
}

// read(bound, batchLogitIndex, k, token, out) -> argmax. `token` < 0: none given. `out` is a
// Float64Array of 3 + 2k: [maxLogit, logSumExp (of logit - max), tokenLogit, ids..., logits...],
// ids and logits highest first (ties: lower id first). Returns the argmax token id.
Napi::Value Read(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto* bound = info[0].As<Napi::External<Bound>>().Data();
  int32_t index = info[1].As<Napi::Number>().Int32Value();
  int32_t k = info[2].As<Napi::Number>().Int32Value();
  int32_t token = info[3].As<Napi::Number>().Int32Value();
  auto out = info[4].As<Napi::Float64Array>();
  const int32_t n = bound->vocab;
  if (k < 0 || k > n || out.ElementLength() < static_cast<size_t>(3 + 2 * k) || token >= n) {
    throw Napi::RangeError::New(env, "read: bad k, token or output size");
  }
  const float* logits = api.getLogitsIth(bound->ctx, index);
  if (logits == nullptr) throw Napi::Error::New(env, "llama.cpp has no logits at this batch index");

  // Pass 1: the maximum (its first index on ties, as llama.cpp's greedy sampler) and the top k,
  // in chunks whose maximum is found with vector instructions: only a chunk holding a value above
  // the k-th best so far is read value by value.
  constexpr int32_t CHUNK = 64;
  std::vector<float> topLogit(k);
  std::vector<int32_t> topId(k);
  int32_t filled = 0;
  float threshold = -INFINITY;  // the k-th best so far, once k values are in
  float max = -INFINITY;
  int32_t maxChunk = 0;
  for (int32_t start = 0; start < n; start += CHUNK) {
    const int32_t end = std::min(n, start + CHUNK);
    float chunkMax = chunkMaximum(logits + start, end - start);
    if (chunkMax > max) {
      max = chunkMax;
      maxChunk = start;
    }
    if (k == 0 || (filled == k && !(chunkMax > threshold))) continue;
    for (int32_t i = start; i < end; i++) {
      const float v = logits[i];
      if (filled == k && !(v > threshold)) continue;
      int32_t at = filled < k ? filled++ : k - 1;
      while (at > 0 && v > topLogit[at - 1]) {
        topLogit[at] = topLogit[at - 1];
        topId[at] = topId[at - 1];
        at--;
      }
      topLogit[at] = v;
      topId[at] = i;
      if (filled == k) threshold = topLogit[k - 1];
    }
  }
  int32_t argmax = maxChunk;
  while (argmax < n - 1 && !(logits[argmax] == max)) argmax++;
  // Pass 2: log-sum-exp of (logit - max), summed in double.
  const double sum = sumExp(logits, n, max);
  double* o = out.Data();
  o[0] = max;
  o[1] = std::log(sum);
  o[2] = token >= 0 ? static_cast<double>(logits[token]) : NAN;
  for (int32_t j = 0; j < k; j++) {
    o[3 + j] = topId[j];
    o[3 + k + j] = topLogit[j];
  }
  return Napi::Number::New(env, argmax);
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("bind", Napi::Function::New(env, Bind));
  exports.Set("read", Napi::Function::New(env, Read));
  return exports;
}

}  // namespace

NODE_API_MODULE(tokenscope_logits, Init)
