import { Readable } from 'node:stream';

/**
 * A stream of `bytes` that calls `onFirstRead` synchronously before its first chunk; if that throws, the stream
 * fails instead of yielding anything. SMTPConnection reads it only after the server accepted MAIL FROM, RCPT TO
 * and DATA, so the first read is the moment the message starts reaching the server.
 */
export function handOverStream(bytes: Buffer, onFirstRead: () => void): Readable {
  let handedOver = false;
  return new Readable({
    read() {
      if (handedOver) return;
      handedOver = true;
      try {
        onFirstRead();
      } catch (error) {
        this.destroy(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      this.push(bytes);
      this.push(null);
    },
  });
}
