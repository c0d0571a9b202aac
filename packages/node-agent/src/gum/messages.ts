// The GUM's wire messages live in protocol (messages/gum.ts), with every other message.
export { gumMessages, GumMessageSchema, DbChangeSchema, DbChangesSchema, DbValueSchema, SequencedUpdateSchema, type GumMessage, type GumMessageOf } from '@wsfc-lab/protocol';
