// Which actor definition runs for each kind. The only place that knows every actor package.
import type { ActorKind, AnyActorDefinition } from '@wsfc-lab/protocol';
import { nodeActor } from '@wsfc-lab/node-agent';
import { idleActor } from './idle-actor.js';

export const actorDefinitions: Record<ActorKind, AnyActorDefinition> = {
  node: nodeActor,
  storage: idleActor('storage'),
  directory: idleActor('directory'),
};
