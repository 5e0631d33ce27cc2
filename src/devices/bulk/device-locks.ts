/**
 * Which run holds each device's conflict group (isolation, restriction…) in this process: the
 * second line behind the request-time rule (src/response-actions/device-conflicts.ts, which reads
 * the shared store and so holds across instances). Rebuilt from the stored runs at start.
 */
export class DeviceLocks {
  private readonly held = new Map<string, string>();

  /** Null when claimed (or already ours), else the run that holds it. */
  claim(deviceId: string, group: string, runId: string): string | null {
    const key = `${deviceId}|${group}`;
    const holder = this.held.get(key);
    if (holder !== undefined && holder !== runId) return holder;
    this.held.set(key, runId);
    return null;
  }

  release(deviceId: string, group: string, runId: string): void {
    const key = `${deviceId}|${group}`;
    if (this.held.get(key) === runId) this.held.delete(key);
  }
}
