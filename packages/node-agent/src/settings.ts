// Cluster common properties that govern heartbeats, with the real names, ranges and defaults
// (facts §1.1, §1.2: Windows Server 2016+ values). Inside the code the `…Ms` names are used.

export interface HeartbeatSettings {
  /** SameSubnetDelay: ms between heartbeats to a node on the same subnet. 250–2000, default 1000. */
  SameSubnetDelay: number;
  /** SameSubnetThreshold: heartbeats missed in a row before the route is down. 3–120, default 10. */
  SameSubnetThreshold: number;
  /** CrossSubnetDelay: ms between heartbeats across subnets. 250–4000, default 1000. */
  CrossSubnetDelay: number;
  /** CrossSubnetThreshold: missed heartbeats across subnets. 3–120, default 20. */
  CrossSubnetThreshold: number;
  /** RouteHistoryLength: heartbeats remembered per route for cluster.log. 0–40, default 10. */
  RouteHistoryLength: number;
}

export const heartbeatDefaults: HeartbeatSettings = {
  SameSubnetDelay: 1000,
  SameSubnetThreshold: 10,
  CrossSubnetDelay: 1000,
  CrossSubnetThreshold: 20,
  RouteHistoryLength: 10,
};

export const heartbeatRanges: Record<keyof HeartbeatSettings, readonly [number, number]> = {
  SameSubnetDelay: [250, 2000],
  SameSubnetThreshold: [3, 120],
  CrossSubnetDelay: [250, 4000],
  CrossSubnetThreshold: [3, 120],
  RouteHistoryLength: [0, 40],
};

/** A cluster common property's error, or undefined when `value` is an integer in `[min, max]`. */
export function checkIntegerSetting(name: string, value: number, [min, max]: readonly [number, number]): string | undefined {
  if (!Number.isInteger(value) || value < min || value > max) return `${name} must be an integer from ${min} to ${max}, got ${value}`;
  return undefined;
}

/** The setting's error, or undefined when `value` is in its range. */
export function checkHeartbeatSetting(name: keyof HeartbeatSettings, value: number): string | undefined {
  return checkIntegerSetting(name, value, heartbeatRanges[name]);
}
