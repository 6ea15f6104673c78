// AWS event-stream framing (application/vnd.amazon.eventstream), as Bedrock's ConverseStream sends it.
import type { EventSink, Feeder } from './feeders';

/** Not implemented yet: Bedrock chat is built on this (see dialects/bedrock.ts). */
export function awsEventStreamFeeder(_accept: EventSink, _tooLarge: () => void): Feeder {
  throw new Error('AWS event-stream framing is not implemented yet');
}
