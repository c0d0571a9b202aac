// The gum events live in protocol's event union (events/gum.ts), with every other event.
export { gumCatalog, type GumEvent } from '@wsfc-lab/protocol';
