// The Global Update Manager and the replicated cluster database: the public surface.
export { initGumNode, stepGumNode, persistedOf, compareCopies, checkGumInvariants } from './gum-node.js';
export {
  emptyCopy,
  getValue,
  listKeys,
  readObject,
  checkPath,
  compareTags,
  databaseRoots,
  type DatabaseCopy,
  type DbChange,
  type DbValue,
  type SequencedUpdate,
  type CopyTag,
} from './database.js';
export { checkChanges } from './requester.js';
export { gumMessages, GumMessageSchema, DbChangeSchema, DbChangesSchema, DbValueSchema, type GumMessage, type GumMessageOf } from './messages.js';
export { gumCatalog, type GumEvent } from './events.js';
export { gumLimits, gumDefaults, requestReplyTimeoutMinutesRange, type GumSettings } from './limits.js';
export type { GumConfig, GumInput, GumNodeState, GumPersisted, GumStepResult, Outgoing, Applied, Completion, View, ViewMember } from './types.js';

import { checkGumInvariants, initGumNode, persistedOf, stepGumNode } from './gum-node.js';
/** The GUM as one value, raft-style: init, step, what to persist, invariants. */
export const GumNode = { init: initGumNode, step: stepGumNode, persisted: persistedOf, checkInvariants: checkGumInvariants } as const;
export { perVersion } from './per-version.js';
