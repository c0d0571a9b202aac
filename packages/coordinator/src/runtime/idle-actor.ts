// Placeholder for actor kinds whose package has not landed yet: accepts its kind's messages,
// answers nothing. Replaced by the real actors.
import { acceptsByKind, type ActorKind, type AnyActorDefinition } from '@wsfc-lab/protocol';

export function idleActor(kind: ActorKind): AnyActorDefinition {
  return {
    kind,
    accepts: acceptsByKind[kind],
    init: () => ({}),
    step: () => undefined,
  };
}
