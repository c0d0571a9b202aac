// Which networks carry a live migration: the cluster's order and exclusions for a clustered VM,
// the host's settings otherwise, and the fall-back to the next network that is up.
import test from 'ava';
import { clusterMigrationOrder, defaultOrder, hostMigrationOrder, normaliseSubnet, rankNetworks, usableNetworks, whyNoNetwork } from './migration-networks.js';
import { smbLiveMigrationGbps, smbNetworks } from './migration-networks-smb.js';

// Seed 003's layout: a management network with a gateway, a cluster network, a live-migration
// network and an iSCSI network the cluster does not use.
const lab = rankNetworks([
  { name: 'Management', role: 'ClusterAndClient', bandwidthGbps: 1, subnet: '172.16.1.0/24' },
  { name: 'Cluster', role: 'ClusterOnly', bandwidthGbps: 10, subnet: '10.0.1.0/24' },
  { name: 'LiveMigration', role: 'ClusterOnly', bandwidthGbps: 25, subnet: '10.0.3.0/24', rdma: true },
  { name: 'Storage', role: 'None', bandwidthGbps: 10, subnet: '10.0.2.0/24' },
]);
const names = (networks: { name: string }[]) => networks.map((n) => n.name);

test('networks are numbered and metered as Get-ClusterNetwork shows them: no gateway from 1000, a gateway from 10000', (t) => {
  t.deepEqual(
    lab.map((n) => [n.clusterName, n.metric]),
    [
      ['Cluster Network 1', 10_000],
      ['Cluster Network 2', 1000],
      ['Cluster Network 3', 1100],
      ['Cluster Network 4', 1200],
    ],
  );
});

test('by default the lowest-metric network (the cluster network) is the last choice, and a None network is never used', (t) => {
  t.deepEqual(names(clusterMigrationOrder(lab)), ['LiveMigration', 'Management', 'Cluster']);
  t.deepEqual(names(defaultOrder(lab)), ['LiveMigration', 'Storage', 'Management', 'Cluster']);
});

test('MigrationExcludeNetworks takes networks out, by cluster name or lab name, whatever their case', (t) => {
  const order = clusterMigrationOrder(lab, { MigrationNetworkOrder: [], MigrationExcludeNetworks: ['cluster network 1', 'LIVEMIGRATION'] });
  t.deepEqual(names(order), ['Cluster']);
});

test('MigrationNetworkOrder puts its networks first, in its order; the rest follow in the default order', (t) => {
  const order = clusterMigrationOrder(lab, { MigrationNetworkOrder: ['Cluster Network 2', 'Management', 'no such network'], MigrationExcludeNetworks: [] });
  t.deepEqual(names(order), ['Cluster', 'Management', 'LiveMigration']);
  const excludedWins = clusterMigrationOrder(lab, { MigrationNetworkOrder: ['Cluster'], MigrationExcludeNetworks: ['Cluster'] });
  t.false(names(excludedWins).includes('Cluster'), 'an excluded network stays out even when listed in the order');
});

test('a host without UseAnyNetworkForMigration uses only its migration subnets, by Priority; with none, none', (t) => {
  t.deepEqual(hostMigrationOrder(lab, { UseAnyNetworkForMigration: false, migrationNetworks: [] }), []);
  const order = hostMigrationOrder(lab, {
    UseAnyNetworkForMigration: false,
    migrationNetworks: [
      { Subnet: '172.16.0.0/16', Priority: 2 },
      { Subnet: '10.0.1.0/24', Priority: 1 },
      { Subnet: '192.168.9.0/24', Priority: 0 },
    ],
  });
  t.deepEqual(names(order), ['Cluster', 'Management'], 'a wider subnet covers the network; one matching nothing adds nothing');
  t.deepEqual(names(hostMigrationOrder(lab, { UseAnyNetworkForMigration: true, migrationNetworks: [] })), ['LiveMigration', 'Storage', 'Management', 'Cluster']);
});

test('a host migration subnet narrower than the network does not cover it', (t) => {
  t.deepEqual(hostMigrationOrder(lab, { UseAnyNetworkForMigration: false, migrationNetworks: [{ Subnet: '10.0.1.0/25', Priority: 0 }] }), []);
});

test('the first network that is up is used; a down one falls back to the next; none up says why, naming each', (t) => {
  const order = clusterMigrationOrder(lab);
  t.deepEqual(names(usableNetworks(order, ['Cluster', 'Management', 'LiveMigration'])), ['LiveMigration', 'Management', 'Cluster']);
  t.deepEqual(names(usableNetworks(order, ['Cluster', 'Management'])), ['Management', 'Cluster']);
  t.deepEqual(usableNetworks(order, ['Storage']), []);
  const why = whyNoNetwork({ order, upToPeer: ['Storage'], clustered: true, source: 'node01', destination: 'node02' });
  t.is(
    why,
    "Failed to get the network address for the destination node 'node02': A cluster Network isn't available for this operation. (0x000013AB) (no network for live migration connects node01 to node02 now; tried, in order: Cluster Network 3 (LiveMigration): down, Cluster Network 1 (Management): down, Cluster Network 2 (Cluster): down)",
  );
  t.regex(whyNoNetwork({ order: [], upToPeer: [], clustered: false, source: 'node01', destination: 'node02' }), /UseAnyNetworkForMigration is off on node01/);
});

test('subnets are taken in CIDR form; a bare address is its /32; anything else is refused', (t) => {
  t.is(normaliseSubnet(' 10.0.1.0/24 '), '10.0.1.0/24');
  t.is(normaliseSubnet('10.0.1.7'), '10.0.1.7/32');
  for (const bad of ['10.0.1/24', '10.0.1.0/33', '300.0.0.0/8', 'Cluster', '10.0.1.0/24/1']) t.is(normaliseSubnet(bad), undefined, bad);
});

test('SMB uses the RDMA networks when any is usable (SMB Direct), else all; a cluster node caps it at 25 % of the RDMA bandwidth', (t) => {
  const usable = usableNetworks(clusterMigrationOrder(lab), ['Cluster', 'Management', 'LiveMigration']);
  t.deepEqual(names(smbNetworks(usable)), ['LiveMigration']);
  t.is(smbLiveMigrationGbps(usable, { clusterNode: false }), 25);
  t.is(smbLiveMigrationGbps(usable, { clusterNode: true }), 6.25, 'SMBBandwidthLimitFactor 2500 of 25 Gbps');
  const noRdma = usable.filter((n) => n.rdma !== true);
  t.deepEqual(names(smbNetworks(noRdma)), ['Management', 'Cluster']);
  t.is(smbLiveMigrationGbps(noRdma, { clusterNode: true }), 11, 'SMB Multichannel over both, no RDMA bandwidth to cap');
});
