// The DNS Client's dynamic registration of the machine's own A record (facts §14: members register
// and update their records; the zone takes secure updates only). A member registers its address on
// the DC's network when it starts, again when that address changes or an administrator runs
// Register-DnsClient (ipconfig /registerdns), and every 24 hours. A failed registration (the server
// did not answer, or refused because another computer owns the name) is tried again 5 minutes
// later. A workgroup machine registers nothing: the AD-integrated zone would refuse it.
import { assert } from '@wsfc-lab/protocol';
import { cancelRequest } from './channel.js';
import { directoryClientDefaults } from './config.js';
import type { CompletionOf } from './operations.js';
import { registerName } from './requests.js';
import { channelContext, type ClientIo, type ClientTag, type DirectoryClientState, type Registration } from './state.js';

function schedule(state: DirectoryClientState, delayMs: number, io: ClientIo): void {
  if (state.registrationTimerId !== undefined) io.cancelTimer(state.registrationTimerId);
  state.registrationTimerId = io.setTimer(delayMs, { subsystem: 'directoryClient', type: 'RegistrationDue' });
}

function become(state: DirectoryClientState, next: Registration): void {
  state.registration = next;
}

/** Why this machine registers nothing, or undefined when it registers `state.addresses`. */
function offReason(state: DirectoryClientState): string | undefined {
  if (state.config === undefined) return 'the lab gave this machine no directory';
  if (state.membership.state !== 'Member') return `${state.self} is not a domain member (${state.membership.state})`;
  if (state.addresses.length === 0) return `${state.self} has no address on network ${state.config.network}`;
  return undefined;
}

/** Sets the registration up as the machine starts: due shortly after start when it is a member. */
export function startRegistration(state: DirectoryClientState, io: ClientIo): void {
  const reason = offReason(state);
  if (reason !== undefined) return become(state, { state: 'Off', reason });
  become(state, { state: 'Due', addresses: [...state.addresses] });
  schedule(state, directoryClientDefaults.registrationStartDelayMs, io);
}

/** Sends the registration now (the timer fired, Register-DnsClient, an address change). */
export function registerNow(state: DirectoryClientState, io: ClientIo): void {
  const reason = offReason(state);
  if (state.registrationTimerId !== undefined) io.cancelTimer(state.registrationTimerId);
  state.registrationTimerId = undefined;
  if (reason !== undefined || state.config === undefined) return become(state, { state: 'Off', reason: reason ?? 'no directory' });
  if (state.registration.state === 'Registering') {
    if (sameAddresses(state.registration.addresses, state.addresses)) return;
    // The address changed while an update was under way: the newer update replaces it.
    cancelRequest(state.channel, state.registration.requestId, io);
  }
  const addresses = [...state.addresses];
  become(state, { state: 'Due', addresses });
  const tag: ClientTag = { type: 'Registration', addresses };
  const started = registerName(state.channel, { name: state.self, addresses }, tag, channelContext(state.config, io));
  if (started.type === 'Completed') return onRegistrationDone(state, started.completion as CompletionOf<'DnsRegister', ClientTag>, io);
  become(state, { state: 'Registering', addresses, requestId: started.requestId, sinceMs: io.now() });
}

/** The machine's address on the DC's network changed: the DNS Client registers the new one at once. */
export function addressesChanged(state: DirectoryClientState, addresses: string[], io: ClientIo): void {
  if (sameAddresses(state.addresses, addresses)) return;
  state.addresses = [...addresses];
  registerNow(state, io);
}

/** The directory answered the registration, or gave no answer in time. */
export function onRegistrationDone(state: DirectoryClientState, completion: CompletionOf<'DnsRegister', ClientTag>, io: ClientIo): void {
  const current = state.registration;
  if (current.state === 'Registering' && current.requestId !== completion.requestId) return;
  const { addresses } = completion.request;
  if (completion.result.ok) {
    become(state, { state: 'Registered', addresses: completion.result.value.addresses, atMs: io.now() });
    schedule(state, directoryClientDefaults.registrationRefreshIntervalMs, io);
    return;
  }
  io.probe(`DNS registration failed: ${completion.result.failure.type}`);
  become(state, { state: 'Failed', addresses, atMs: io.now(), message: completion.result.failure.message });
  schedule(state, directoryClientDefaults.registrationRetryMs, io);
}

export function sameAddresses(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((address, i) => address === b[i]);
}

/** The registration's own invariant: an update under way is one the channel waits for. */
export function checkRegistration(state: DirectoryClientState): void {
  const { registration } = state;
  if (registration.state === 'Registering') {
    const pending = state.channel.pending[registration.requestId];
    assert(pending?.request.type === 'DnsRegister', `registration ${registration.requestId} is under way but the channel does not wait for it`);
  }
  if (registration.state !== 'Off') assert(state.membership.state === 'Member', `${state.self} registers in DNS as a ${state.membership.state} machine`);
}
