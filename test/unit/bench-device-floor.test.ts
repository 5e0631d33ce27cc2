import { deviceFloorMs, lastCallStartMinutes, machineRoundTripMs } from '../../bench/floors';

describe('the 100/min floor of issue 13', () => {
  it('when 500 device actions are paced at 100/min and 1,500/h, then the last may start 4 min after the first, and the floor adds one slowest round trip', () => {
    expect(lastCallStartMinutes(500, { perMinute: 100, perHour: 1_500 })).toBe(4);
    expect(machineRoundTripMs()).toBe(350);
    expect(deviceFloorMs(500)).toBe(4 * 60_000 + 350);
  });

  it('when there are more calls than the hour allows, then the hour window sets the floor', () => {
    expect(deviceFloorMs(100)).toBe(350);
    expect(deviceFloorMs(1_501)).toBe(60 * 60_000 + 350);
  });
});
