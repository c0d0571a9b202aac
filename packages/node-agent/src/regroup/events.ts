// The regroup events live in protocol's event union (events/regroup.ts), with every other event.
export { regroupCatalog, type RegroupEvent, type RegroupReason, type RoundStage } from '@wsfc-lab/protocol';
