/**
 * Which run holds each device's conflict group (isolation, restriction…) in this process, so
 * Verdict never has two conflicting actions in flight on one device (isolate vs release, restrict
 * vs unrestrict). Rebuilt from the stored runs at start; several instances would need it in the
 * shared store instead (not done: one runner per deployment).
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
