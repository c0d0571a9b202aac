// The witness's grant rule lives in protocol (witness-grant.ts): the disk witness's tag and the file
// share witness's record follow the same rule. The rest of that rule, "while the holder runs and is
// outside the requesting set it keeps the witness", is the holder's defence of its reservation
// (defence.ts), not a check here.
export { grantVerdict, type GrantVerdict, type WitnessClaim } from '@wsfc-lab/protocol';
