/**
 * What an HTTP status means for a webhook call: done, worth another attempt (the receiver is down, overloaded or
 * asked to slow down), or a refusal no retry changes (any other 4xx).
 */
export function answerClass(status: number): 'succeeded' | 'retry' | 'refused' {
  if (status >= 200 && status < 300) return 'succeeded';
  if (status === 408 || status === 425 || status === 429 || status >= 500) return 'retry';
  return 'refused';
}
