// Which actor definition runs for each kind. The only place that knows every actor package.
import type { ActorKind, AnyActorDefinition } from '@wsfc-lab/protocol';
import { nodeActor } from '@wsfc-lab/node-agent';
import { directoryActor } from '@wsfc-lab/directory';
import { storageTargetActor } from '@wsfc-lab/storage-target';
import type { ActorSpec } from './runtime.js';

/** The definition an actor runs: its own module's, if the spec names one, else its kind's. */
export async function loadDefinition(spec: ActorSpec): Promise<AnyActorDefinition> {
  if (!spec.definitionModule) return actorDefinitions[spec.kind];
  const module = (await import(spec.definitionModule.url)) as Record<string, AnyActorDefinition | undefined>;
  const definition = module[spec.definitionModule.exportName];
  if (!definition) throw new Error(`${spec.definitionModule.url} has no export "${spec.definitionModule.exportName}"`);
  return definition;
}

export const actorDefinitions: Record<ActorKind, AnyActorDefinition> = {
  node: nodeActor,
  storage: storageTargetActor as AnyActorDefinition,
  directory: directoryActor as AnyActorDefinition,
};
