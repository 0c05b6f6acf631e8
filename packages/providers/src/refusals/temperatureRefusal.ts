import { UpstreamError } from '../errors/UpstreamError.js';

/** What an endpoint said when it refused the `temperature` parameter. */
export interface TemperatureRefusal {
  /** The provider's message, on one line (at most 200 characters). */
  message: string;
  /** The temperature the model uses instead, when the message names it ("Only the default (1) value"). */
  default?: number;
}

/**
 * The refusal of `temperature` an error stands for, or undefined: a 400 that names the parameter
 * (`param: "temperature"`, or a message about "temperature") and says it is unsupported. OpenAI's
 * reasoning models answer so on chat ("Unsupported value: 'temperature' does not support 0.7 with this
 * model. Only the default (1) value is supported.") and on Responses ("Unsupported parameter:
 * 'temperature' is not supported with this model.").
 */
export function temperatureRefusal(error: unknown): TemperatureRefusal | undefined {
  if (!(error instanceof UpstreamError) || error.upstreamStatus !== 400) return undefined;
  const text = error.providerMessage.replace(/\s+/g, ' ').trim();
  const names = error.param === 'temperature' || /\btemperature\b/i.test(text);
  const refuses =
    /unsupported|not supported|does not support|only the default|not allowed|unrecognized/i.test(
      `${text} ${error.providerCode ?? ''}`,
    );
  if (!names || !refuses) return undefined;
  const stated = /default \(?(\d+(?:\.\d+)?)\)?/i.exec(text)?.[1];
  return { message: text.slice(0, 200), ...(stated !== undefined && { default: Number(stated) }) };
}
