/**
 * How many deliveries one endpoint may have in flight from this worker at once. A slow or silent
 * endpoint then holds at most this many of the worker's slots, and every other endpoint's
 * deliveries go on; a delivery over the limit is put back for a moment without counting a try.
 */
export class EndpointLimiter {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly perEndpoint: number) {}

  /** Takes a slot for `endpointId`, or answers false when it has none free. */
  tryAcquire(endpointId: string): boolean {
    const now = this.inFlight.get(endpointId) ?? 0;
    if (now >= this.perEndpoint) return false;
    this.inFlight.set(endpointId, now + 1);
    return true;
  }

  release(endpointId: string): void {
    const now = (this.inFlight.get(endpointId) ?? 1) - 1;
    if (now <= 0) this.inFlight.delete(endpointId);
    else this.inFlight.set(endpointId, now);
  }
}
