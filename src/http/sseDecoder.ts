/**
 * Server-sent events, decoded incrementally from bytes as they arrive, following the WHATWG
 * event-stream rules (https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream):
 * lines end in CRLF, LF or CR; `data:` lines of one event join with "\n"; a blank line dispatches;
 * `:` lines are comments. Chunks may split anywhere: inside a field name, between CR and LF, or
 * inside a multi-byte UTF-8 character.
 */
export interface SseEvent {
  /** The `event:` field, `message` when absent. */
  type: string;
  data: string;
}

export interface SseEnd {
  events: SseEvent[];
  /** The stream stopped inside an event: a partial line or data lines without the blank line. */
  truncated: boolean;
}

export class SseDecoder {
  private readonly decoder = new TextDecoder('utf-8');
  private pending = '';
  private dataLines: string[] = [];
  private type = '';
  /** Any field seen since the last dispatch, so that the end can tell a cut event from a clean one. */
  private inEvent = false;
  private atStart = true;

  push(chunk: Uint8Array): SseEvent[] {
    return this.consume(this.decoder.decode(chunk, { stream: true }), false);
  }

  end(): SseEnd {
    const events = this.consume(this.decoder.decode(), true);
    const truncated = this.pending.length > 0 || this.inEvent;
    this.pending = '';
    return { events, truncated };
  }

  private consume(text: string, final: boolean): SseEvent[] {
    let input = this.pending + text;
    if (this.atStart && input.length > 0) {
      this.atStart = false;
      if (input.charCodeAt(0) === 0xfeff) input = input.slice(1);
    }
    const events: SseEvent[] = [];
    let lineStart = 0;
    for (let i = 0; i < input.length; i++) {
      const char = input[i];
      if (char !== '\n' && char !== '\r') continue;
      // A CR as the last character may be the first half of a CRLF still in flight.
      if (char === '\r' && i === input.length - 1 && !final) break;
      const event = this.line(input.slice(lineStart, i));
      if (event) events.push(event);
      if (char === '\r' && input[i + 1] === '\n') i++;
      lineStart = i + 1;
    }
    this.pending = input.slice(lineStart);
    return events;
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    this.inEvent = true;
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.type = value;
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    const event = this.dataLines.length > 0 ? { type: this.type || 'message', data: this.dataLines.join('\n') } : undefined;
    this.dataLines = [];
    this.type = '';
    this.inEvent = false;
    return event;
  }
}
