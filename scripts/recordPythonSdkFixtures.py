"""Records the Python SDK's model_dump() of chat and responses answers from a running `tokenscope serve`,
beside the wire bytes of the same call (with_raw_response). Run by scripts/recordSdkFixtures.mjs with
the base URL, the model and the prompt; needs `pip install openai`."""

import json
import sys
from pathlib import Path

import openai

base_url, model, prompt = sys.argv[1:4]
fixtures = Path(__file__).parent.parent / "packages/core/src/formats/__fixtures__"
client = openai.OpenAI(base_url=base_url, api_key="unused", max_retries=0)


def save(name, text):
    (fixtures / name).write_text(text)
    print(f"wrote {name}")


raw = client.chat.completions.with_raw_response.create(
    model=model,
    messages=[{"role": "user", "content": prompt}],
    max_tokens=8,
    temperature=0,
    logprobs=True,
    top_logprobs=3,
)
save("openai-chat.python-model-dump.recorded.json", json.dumps(raw.parse().model_dump(), indent=2) + "\n")
save("openai-chat.python-model-dump-wire.recorded.json", raw.text)

raw = client.responses.with_raw_response.create(
    model=model,
    input=prompt,
    max_output_tokens=8,
    temperature=0,
    include=["message.output_text.logprobs"],
    top_logprobs=3,
)
save("openai-responses.python-model-dump.recorded.json", json.dumps(raw.parse().model_dump(), indent=2) + "\n")
save("openai-responses.python-model-dump-wire.recorded.json", raw.text)
print(f"versions: openai (Python) {openai.__version__}, Python {sys.version.split()[0]}")
