// The wire messages, one union per receiving actor kind (STYLE 2). A frame whose type is not in
// its destination's union is an unknown message there: counted, logged and dropped.
import { z } from 'zod';
import { nodePeerMessages } from './node.js';
import { gumMessages } from './gum.js';
import { regroupMessages } from './regroup.js';
import { storageRequests, storageResponses } from './storage.js';
import { directoryRequests, directoryResponses } from './directory.js';
import { validationMessages } from './validation.js';
import { clusterControlMessages } from './cluster.js';
import { FileShareWitnessAnswer, FileShareWitnessClaim } from './file-share.js';
import { csvMessages } from './csv.js';
import { migrationMessages } from './migration.js';

export * from './node.js';
export * from './gum.js';
export * from './regroup.js';
export * from './storage.js';
export * from './directory.js';
export * from './validation.js';
export * from './cluster.js';
export * from './file-share.js';
export * from './csv.js';
export * from './migration.js';

export const NodeAccepts = z.discriminatedUnion('type', [...nodePeerMessages, ...regroupMessages, ...gumMessages, ...storageResponses, ...directoryResponses, ...validationMessages, ...clusterControlMessages, FileShareWitnessAnswer, ...migrationMessages, ...csvMessages]);
export const StorageAccepts = z.discriminatedUnion('type', [...storageRequests, FileShareWitnessClaim]);
export const DirectoryAccepts = z.discriminatedUnion('type', [...directoryRequests]);

export type NodeMessage = z.infer<typeof NodeAccepts>;
export type StorageMessage = z.infer<typeof StorageAccepts>;
export type DirectoryMessage = z.infer<typeof DirectoryAccepts>;
/** Anything an actor may send. */
export type WireMessage = NodeMessage | StorageMessage | DirectoryMessage;

export const acceptsByKind = {
  node: NodeAccepts,
  storage: StorageAccepts,
  directory: DirectoryAccepts,
} as const;
