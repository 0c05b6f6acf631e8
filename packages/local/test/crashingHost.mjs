/**
 * Test entry for `EngineProcess` (`hostEntry`): the real compiled engineHost, plus a REAL native
 * llama.cpp abort for any call whose text contains '#'. The engine itself refuses such text on a
 * vocabulary without byte fallback (UntokenizableTextError), so to exercise crash isolation this host
 * tokenizes the text with node-llama-cpp directly, as an engine without that check would: on
 * TinyStories-656K-Q8_0.gguf, llama.cpp throws std::out_of_range and the process aborts (SIGABRT).
 * The model to crash with comes from $TOKENSCOPE_TEST_CRASH_MODEL.
 */
import { getLlama } from 'node-llama-cpp';

const modelPath = process.env.TOKENSCOPE_TEST_CRASH_MODEL;
if (!modelPath) throw new Error('crashingHost.mjs needs TOKENSCOPE_TEST_CRASH_MODEL');
const llama = await getLlama({ gpu: false, build: 'never', logLevel: 'error' });
const model = await llama.loadModel({ modelPath });

function textOf(call) {
  if (call.method !== 'generate') return call.text;
  const prompt = call.request.prompt;
  return typeof prompt === 'string' ? prompt : prompt.messages.map((m) => m.content).join('\n');
}

await import('../dist/process/engineHost.js');
// Prepended after the real host's listener is there (the first listener receives the messages that
// waited while this module loaded), so it runs first; tokenize is synchronous and aborts.
process.prependListener('message', (message) => {
  if (message.type === 'call' && textOf(message.call).includes('#')) model.tokenize(textOf(message.call));
});
