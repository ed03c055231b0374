/** An outbound call refused before it was made (SSRF rules) or whose answer is not followed (a redirect). */
export class OutboundRefused extends Error {
  constructor(
    readonly reason: 'address_refused' | 'redirect_refused',
    message: string,
  ) {
    super(message);
    this.name = 'OutboundRefused';
  }
}
