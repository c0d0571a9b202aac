// The node's directory client: the machine's side of AD DS and DNS (facts §14). It keeps the
// machine's domain membership on its disk, registers the machine's A record through the DNS
// Client, answers Resolve-DnsName, Clear-DnsClientCache, Register-DnsClient, Add-Computer and the
// `klist` lab command, and holds the machine's ticket and DNS caches. Every request to the domain
// controller goes through its channel (channel.ts), so while the directory is down what is cached
// keeps working until it expires and anything new fails, after the real client's timeout, with the
// real client's text. Other subsystems (the cluster service) keep channels of their own and use
// the same requests (requests.ts).
import { assertNever } from '@wsfc-lab/protocol';
import type { NodeConfig } from '../config.js';
import type { CmdletCall, FrameIn, NodeSubsystem } from '../subsystem.js';
import { checkChannel, newChannel, onAttemptTimer, onDirectoryFrame } from './channel.js';
import { loadMembership, membershipAtStart, saveMembership } from './domain-membership.js';
import { addComputerCmdlet, finishAddComputer } from './join-cmdlet.js';
import { finishKlistGet, klistCommand } from './klist.js';
import type { DirectoryCompletion } from './operations.js';
import { addressesChanged, checkRegistration, onRegistrationDone, registerNow, startRegistration } from './registration.js';
import { clearDnsClientCacheCmdlet, finishResolveDnsName, registerDnsClientCmdlet, resolveDnsNameCmdlet } from './resolve-cmdlets.js';
import { channelContext, type ClientIo, type ClientTag, type DirectoryClientState, type DirectoryClientTimer } from './state.js';

export type { DirectoryClientState, DirectoryClientTimer } from './state.js';

/** Hands a completion to whoever asked: a waiting cmdlet, or the DNS Client's registration. */
function deliver(state: DirectoryClientState, completion: DirectoryCompletion<ClientTag>, io: ClientIo): void {
  switch (completion.type) {
    case 'DnsQuery':
      return finishResolveDnsName(completion, io);
    case 'DnsRegister':
      return onRegistrationDone(state, completion, io);
    case 'DomainJoin':
      return finishAddComputer(state, completion, io);
    case 'TicketRequest':
      return finishKlistGet(state, completion, io);
    case 'DnsDeregister':
    case 'ComputerObjectCreate':
    case 'ComputerObjectChange':
      // This subsystem never asks these; the cluster service's own channel does.
      io.probe(`directory client got a ${completion.type} completion it never asked for`);
      return;
    default:
      assertNever(completion, 'directory completion');
  }
}

function addressesOf(config: NodeConfig): string[] {
  const network = config.directory?.network;
  const address = network === undefined ? undefined : config.addresses[network];
  return address === undefined ? [] : [address];
}

export const directoryClient: NodeSubsystem<DirectoryClientState, DirectoryClientTimer> & {
  /** The machine's address on the DC's network changed (called by whatever changes it). */
  addressesChanged: (state: DirectoryClientState, addresses: string[], io: ClientIo) => void;
} = {
  name: 'directoryClient',

  init(config, io) {
    const stored = loadMembership(config.directory, io.store);
    const membership = membershipAtStart(stored);
    // A join done before this start takes effect now.
    if (membership !== stored) saveMembership(io.store, membership);
    const state: DirectoryClientState = {
      self: config.name,
      config: config.directory,
      membership,
      channel: newChannel<ClientTag>(),
      addresses: addressesOf(config),
      registration: { state: 'Off', reason: 'starting' },
      registrationTimerId: undefined,
    };
    startRegistration(state, io);
    return state;
  },

  onMessage(state, frame: FrameIn, io) {
    if (state.config === undefined) return false;
    const completion = onDirectoryFrame(state.channel, frame, channelContext(state.config, io));
    if (completion === undefined) return false;
    deliver(state, completion, io);
    return true;
  },

  onTimer(state, timer, io) {
    switch (timer.type) {
      case 'RequestAttempt': {
        if (state.config === undefined) return;
        const completion = onAttemptTimer(state.channel, timer, channelContext(state.config, io));
        if (completion !== undefined) deliver(state, completion, io);
        return;
      }
      case 'RegistrationDue':
        state.registrationTimerId = undefined;
        return registerNow(state, io);
      default:
        assertNever(timer, 'directory client timer');
    }
  },

  cmdlets: {
    'Resolve-DnsName': resolveDnsNameCmdlet,
    'Clear-DnsClientCache': clearDnsClientCacheCmdlet,
    'Register-DnsClient': registerDnsClientCmdlet,
    'Add-Computer': addComputerCmdlet,
    klist: klistCommand,
  } satisfies Record<string, (state: DirectoryClientState, call: CmdletCall, io: ClientIo) => void>,

  addressesChanged,

  checkInvariants(state) {
    checkChannel(state.channel, state.self);
    checkRegistration(state);
  },
};
