import { Readable } from 'node:stream';

/**
 * A stream of `bytes` that awaits `onFirstRead` before its first chunk; if that rejects, the stream fails instead
 * of yielding anything. SMTPConnection reads it only after the server accepted MAIL FROM, RCPT TO
 * and DATA, so the first read is the moment the message starts reaching the server. `onHandedOver` is called once
 * the bytes are given to the reader: not when the stream was destroyed while `onFirstRead` was pending (the
 * connection broke meanwhile and closed it), so then not a byte of the message has left.
 */
export function handOverStream(bytes: Buffer, onFirstRead: () => Promise<void>, onHandedOver: () => void = () => undefined): Readable {
  let handedOver = false;
  return new Readable({
    read() {
      if (handedOver) return;
      handedOver = true;
      // The first byte leaves only once `onFirstRead` has stored what it must; if it refuses, the stream fails unread.
      onFirstRead().then(
        () => {
          if (this.destroyed) return;
          this.push(bytes);
          this.push(null);
          onHandedOver();
        },
        (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
}
