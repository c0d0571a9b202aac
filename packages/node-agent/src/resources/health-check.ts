// LooksAlive (quick) and IsAlive (thorough) health checks (facts §4.3 [R1]). Each runs every
// poll interval; a resource value of 0xFFFFFFFF means the resource type's interval (5000 ms and
// 60000 ms). A failed check is a resource failure (event 1069, then the restart policy). When
// both are due at once, the IsAlive check runs, since it covers the LooksAlive one [inferred].
import { useResourceTypeValue, type ResourceCommonProperties } from './resource-properties.js';
import { resourceTypeInfo, type ResourceType } from './resource-type.js';

export type HealthCheck = 'LooksAlive' | 'IsAlive';

export function effectivePollIntervalMs(resourceValue: number, typeValueMs: number): number {
  return resourceValue === useResourceTypeValue ? typeValueMs : resourceValue;
}

export function pollIntervalsMs(
  resourceType: ResourceType,
  properties: Pick<ResourceCommonProperties, 'LooksAlivePollInterval' | 'IsAlivePollInterval'>,
): Record<HealthCheck, number> {
  const info = resourceTypeInfo[resourceType];
  return {
    LooksAlive: effectivePollIntervalMs(properties.LooksAlivePollInterval, info.looksAlivePollIntervalMs),
    IsAlive: effectivePollIntervalMs(properties.IsAlivePollInterval, info.isAlivePollIntervalMs),
  };
}

export interface NextHealthCheckInput {
  resourceType: ResourceType;
  properties: Pick<ResourceCommonProperties, 'LooksAlivePollInterval' | 'IsAlivePollInterval'>;
  /** When each check last ran (or when the resource came online), simulated ms. */
  lastLooksAliveMs: number;
  lastIsAliveMs: number;
}

/** The next check to run and when; the actor sets one timer for it. */
export function nextHealthCheck(input: NextHealthCheckInput): { check: HealthCheck; dueAtMs: number } {
  const interval = pollIntervalsMs(input.resourceType, input.properties);
  const isAliveAtMs = input.lastIsAliveMs + interval.IsAlive;
  const looksAliveAtMs = input.lastLooksAliveMs + interval.LooksAlive;
  return isAliveAtMs <= looksAliveAtMs ? { check: 'IsAlive', dueAtMs: isAliveAtMs } : { check: 'LooksAlive', dueAtMs: looksAliveAtMs };
}
