// The regroup's wire messages live in protocol (messages/regroup.ts), with every other message.
export { regroupMessages, RegroupMessageSchema, BallotSchema, ViewSchema, type RegroupMessage, type RegroupMessageOf } from '@wsfc-lab/protocol';
