// The cluster's names in AD DS and DNS (facts §14), through a directory channel of the cluster
// service's own (directory-client/requests.ts): New-Cluster creates the cluster name object (CNO)
// before anything else, and a Network Name resource coming online registers its A records as its
// own account (the CNO for the cluster name, a VCO for a role). RequireDNS is 0 by default, so a
// failed registration logs 1196 and the resource stays online.
import type { NodeMessage } from '@wsfc-lab/protocol';
import {
  createComputerObject,
  newChannel,
  onAttemptTimer,
  onDirectoryFrame,
  registerName,
  type AttemptTimer,
  type ChannelContext,
  type DirectoryChannel,
  type DirectoryCompletion,
  type Started,
} from '../directory-client/mod.js';
import type { ClusterResource } from '../resources/mod.js';
import type { ClusterHost, ClusterIoTimer, ClusterState } from './types.js';

export type ClusterDirectoryTag = { op: 'Register'; resource: string } | { op: 'CreateCno'; name: string } | { op: 'CreateVco'; cmdlet: string };

/** A network name as a DNS label and computer account: letters, digits and hyphens, 15 at most. */
export function dnsLabelOf(name: string): string {
  return name.replace(/[^A-Za-z0-9-]/g, '-').replace(/^-+|-+$/g, '').slice(0, 15) || 'cluster';
}

export function newClusterDirectory(): DirectoryChannel<ClusterDirectoryTag> {
  return newChannel<ClusterDirectoryTag>();
}

function context(state: ClusterState, host: ClusterHost): ChannelContext<ClusterIoTimer> | undefined {
  const config = state.config.directory;
  if (config === undefined) return undefined;
  return { config, io: host.io, attemptTimer: (attempt: AttemptTimer) => ({ subsystem: 'cluster', type: 'DirectoryAttempt', requestId: attempt.requestId, attempt: attempt.attempt }) };
}

type OnCompletion = (completion: DirectoryCompletion<ClusterDirectoryTag>) => void;

function settleStarted(started: Started<ClusterDirectoryTag>, done: OnCompletion): void {
  if (started.type === 'Completed') done(started.completion);
}

/** The A records of a Network Name that came online here: its online IP addresses, as its own account. */
export function registerNetworkName(state: ClusterState, host: ClusterHost, resource: ClusterResource, addresses: string[], done: OnCompletion): void {
  const ctx = context(state, host);
  if (!ctx || addresses.length === 0) return;
  const label = dnsLabelOf(String(resource.parameters.DnsName ?? resource.name));
  settleStarted(registerName(state.directory, { name: label, addresses, actingAs: label }, { op: 'Register', resource: resource.name }, ctx), done);
}

/** New-Cluster's CNO; `done` gets the answer (at once when this machine is not a domain member). */
export function createClusterNameObject(state: ClusterState, host: ClusterHost, name: string, done: OnCompletion): boolean {
  const ctx = context(state, host);
  if (!ctx) return false;
  settleStarted(createComputerObject(state.directory, { name: dnsLabelOf(name), objectKind: 'ClusterNameObject' }, { op: 'CreateCno', name }, ctx), done);
  return true;
}

export function onDirectoryAnswer(state: ClusterState, host: ClusterHost, frame: { source: string; message: NodeMessage }): DirectoryCompletion<ClusterDirectoryTag> | undefined {
  const ctx = context(state, host);
  return ctx && onDirectoryFrame(state.directory, frame, ctx);
}

export function onDirectoryAttempt(state: ClusterState, host: ClusterHost, timer: AttemptTimer): DirectoryCompletion<ClusterDirectoryTag> | undefined {
  const ctx = context(state, host);
  return ctx && onAttemptTimer(state.directory, timer, ctx);
}

/** A role's client access point: the CNO creates its VCO (facts §14); `done` gets the answer. */
export function createVirtualComputerObject(state: ClusterState, host: ClusterHost, name: string, cmdlet: string, done: OnCompletion): boolean {
  const ctx = context(state, host);
  const cno = state.identity?.name;
  if (!ctx || cno === undefined) return false;
  settleStarted(createComputerObject(state.directory, { name: dnsLabelOf(name), objectKind: 'VirtualComputerObject', actingAs: dnsLabelOf(cno) }, { op: 'CreateVco', cmdlet }, ctx), done);
  return true;
}
