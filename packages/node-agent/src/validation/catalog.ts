// What Test-Cluster can run: its categories and tests by their real names, as `Test-Cluster -List`
// prints them (facts §15, PS-FC:test-cluster; the descriptions are the lab's own words). The lab
// runs the tests it can judge from the lab's actual state (`modelled`); the others are listed,
// never run, and make the result say HadUnselectedTests, as the real product says whenever some
// tests did not run. Cluster Configuration applies to an existing cluster only and Storage Spaces
// Direct to S2D clusters; neither is modelled yet.

export type ValidationCategory = 'Cluster Configuration' | 'Hyper-V Configuration' | 'Inventory' | 'Network' | 'Storage' | 'System Configuration';

export const categoryOrder: readonly ValidationCategory[] = ['Cluster Configuration', 'Hyper-V Configuration', 'Inventory', 'Network', 'Storage', 'System Configuration'];

export interface TestSpec {
  category: ValidationCategory;
  name: string;
  description: string;
  /** The lab runs this test and judges it from gathered facts. */
  modelled: boolean;
}

const spec = (category: ValidationCategory, modelled: boolean, name: string, description: string): TestSpec => ({ category, name, description, modelled });
const cc = (name: string, description: string) => spec('Cluster Configuration', false, name, description);
const hv = (modelled: boolean, name: string, description: string) => spec('Hyper-V Configuration', modelled, name, description);
const inv = (modelled: boolean, name: string, description: string) => spec('Inventory', modelled, name, description);
const net = (modelled: boolean, name: string, description: string) => spec('Network', modelled, name, description);
const sto = (modelled: boolean, name: string, description: string) => spec('Storage', modelled, name, description);
const sys = (modelled: boolean, name: string, description: string) => spec('System Configuration', modelled, name, description);

export const validationTests: readonly TestSpec[] = [
  cc('List Cluster Core Groups', 'Lists the core cluster group and Available Storage, with their resources.'),
  cc('List Cluster Network Information', 'Lists the cluster networks and their settings.'),
  cc('List Cluster Resources', 'Lists every cluster resource and its configuration.'),
  cc('List Cluster Volumes', 'Lists the volumes of the cluster disks.'),
  cc('List Clustered Roles', 'Lists the clustered roles.'),
  cc('Validate Quorum Configuration', 'Checks that the quorum configuration is the recommended one for this cluster.'),
  cc('Validate Resource Status', 'Checks that the cluster resources are online or in a state that needs no action.'),
  cc('Validate Service Principal Name', 'Checks that the cluster name object has its service principal names.'),
  cc('Validate Volume Consistency', 'Reports volumes flagged as inconsistent that need a repair.'),
  hv(true, 'List Information About Servers Running Hyper-V', 'Lists Hyper-V information of each server: role, processor and its support for virtualization.'),
  hv(false, 'Validate Compatibility of Virtual Fibre Channel SANs for Hyper-V', 'Checks that the servers have compatible virtual Fibre Channel SANs.'),
  hv(false, 'Validate Hyper-V Memory Resource Pool Compatibility', 'Checks that the servers have compatible Hyper-V memory resource pools.'),
  hv(false, 'Validate Hyper-V Network Resource Pool And Virtual Switch Compatibility', 'Checks that the servers have compatible network resource pools and virtual switches.'),
  hv(false, 'Validate Hyper-V Processor Resource Pool Compatibility', 'Checks that the servers have compatible processor resource pools.'),
  hv(true, 'Validate Hyper-V Role Installed', 'Checks that every server has the Hyper-V role and a processor that can run it.'),
  hv(false, 'Validate Hyper-V Storage Resource Pool Compatibility', 'Checks that the servers have compatible storage resource pools.'),
  hv(true, 'Validate Matching Processor Manufacturers', 'Checks that every server has processors of the same manufacturer, so that virtual machines can move between them.'),
  hv(false, 'List Hyper-V Virtual Machine Information', 'Lists the virtual machines on each server.'),
  hv(false, 'Validate Hyper-V Integration Services Version', 'Checks that the integration services of the virtual machines are current.'),
  hv(false, 'Validate Hyper-V Virtual Machine Network Configuration', 'Checks that every virtual machine can be connected to its virtual switch on every server.'),
  hv(false, 'Validate Hyper-V Virtual Machine Storage Configuration', 'Checks that the storage of every virtual machine is reachable from every server.'),
  inv(false, 'List Fibre Channel Host Bus Adapters', 'Lists the Fibre Channel host bus adapters of each server.'),
  inv(false, 'List iSCSI Host Bus Adapters', 'Lists the iSCSI host bus adapters of each server.'),
  inv(false, 'List SAS Host Bus Adapters', 'Lists the Serial Attached SCSI host bus adapters of each server.'),
  inv(false, 'List BIOS Information', 'Lists the BIOS of each server.'),
  inv(false, 'List Environment Variables', 'Lists the environment variables of each server.'),
  inv(true, 'List Memory Information', 'Lists the physical memory of each server.'),
  inv(true, 'List Operating System Information', 'Lists the operating system of each server: version, build and installation option.'),
  inv(false, 'List Plug and Play Devices', 'Lists the Plug and Play devices of each server.'),
  inv(false, 'List Running Processes', 'Lists the processes running on each server.'),
  inv(false, 'List Services Information', 'Lists the services of each server.'),
  inv(false, 'List Software Updates', 'Lists the software updates installed on each server.'),
  inv(false, 'List System Drivers', 'Lists the system drivers of each server.'),
  inv(true, 'List System Information', 'Lists each server: name, domain, processors.'),
  inv(false, 'List Unsigned Drivers', 'Lists the unsigned drivers of each server.'),
  net(false, 'List Network Binding Order', 'Lists the order in which the network adapters are bound on each server.'),
  net(true, 'Validate Cluster Network Configuration', 'Checks the cluster networks the servers would form and their roles.'),
  net(true, 'Validate IP Configuration', 'Checks that every server has an address on each network, in its subnet, and that no address is used twice.'),
  net(false, 'Validate Multiple Subnet Properties', 'Checks the heartbeat settings of a cluster whose nodes are on several subnets.'),
  net(true, 'Validate Network Communication', 'Checks that the servers reach each other on every network, and by more than one path.'),
  net(false, 'Validate Windows Firewall Configuration', 'Checks that the firewall lets cluster traffic through.'),
  sto(true, 'List Disks', 'Lists the disks each server sees.'),
  sto(true, 'List Potential Cluster Disks', 'Lists the disks that every server sees and that can be tested as cluster disks.'),
  sto(false, 'Validate CSV Network Bindings', 'Checks the network bindings Cluster Shared Volumes need.'),
  sto(false, 'Validate CSV Settings', 'Checks the settings Cluster Shared Volumes need.'),
  sto(false, 'Validate Disk Access Latency', 'Checks that disk reads and writes complete quickly enough for the cluster.'),
  sto(true, 'Validate Disk Arbitration', 'Checks that each server can win a disk by arbitration, and that another server cannot take a disk that is owned.'),
  sto(true, 'Validate Disk Failover', 'Checks that a disk moves to another server, and that the server it left can no longer write to it.'),
  sto(false, 'Validate File System', 'Checks that the file system of each disk is supported by the cluster.'),
  sto(false, 'Validate Microsoft MPIO-based disks', 'Checks disks that use Microsoft Multipath I/O.'),
  sto(true, 'Validate Multiple Arbitration', 'Checks that when all servers arbitrate for a disk at once, exactly one wins it.'),
  sto(false, 'Validate SCSI device Vital Product Data (VPD)', 'Checks that each disk reports a unique identity.'),
  sto(true, 'Validate SCSI-3 Persistent Reservation', 'Checks that the storage supports the SCSI-3 Persistent Reservation commands the cluster relies on.'),
  sto(true, 'Validate Simultaneous Failover', 'Checks that all disks fail over to another server at the same time.'),
  sys(true, 'Validate Active Directory Configuration', 'Checks that every server is a member of the same domain.'),
  sys(false, 'Validate All Drivers Signed', 'Checks that every driver of every server is signed.'),
  sys(false, 'Validate Cluster Service and Driver Settings', 'Checks the start-up settings of the Cluster service and its drivers.'),
  sys(false, 'Validate Memory Dump Settings', 'Checks that no server needs a restart and each can capture a memory dump.'),
  sys(false, 'Validate Operating System Edition', 'Checks that every server runs an edition that supports failover clustering.'),
  sys(true, 'Validate Operating System Installation Option', 'Checks that every server has the same installation option (Server Core or Desktop Experience).'),
  sys(true, 'Validate Operating System Version', 'Checks that every server runs the same version of Windows Server.'),
  sys(false, 'Validate Required Services', 'Checks that the services the cluster needs are running and start automatically.'),
  sys(true, 'Validate Same Processor Architecture', 'Checks that every server has the same processor architecture.'),
  sys(false, 'Validate Service Pack Levels', 'Checks that every server has the same service pack.'),
  sys(false, 'Validate Software Update Levels', 'Checks that every server has the same software updates.'),
  sys(false, 'Validate System Drive Variable', 'Checks that every server has the same system drive letter.'),
];

export function findTest(name: string): TestSpec | undefined {
  const wanted = name.toLowerCase();
  return validationTests.find((t) => t.name.toLowerCase() === wanted);
}

export function findCategory(name: string): ValidationCategory | undefined {
  const wanted = name.toLowerCase();
  return categoryOrder.find((c) => c.toLowerCase() === wanted);
}

/** Test names the judge produces (a typo is caught by the tests, which look each up here). */
export const testNames = {
  hyperVServers: 'List Information About Servers Running Hyper-V',
  hyperVRole: 'Validate Hyper-V Role Installed',
  processorManufacturers: 'Validate Matching Processor Manufacturers',
  memory: 'List Memory Information',
  osInfo: 'List Operating System Information',
  systemInfo: 'List System Information',
  clusterNetworks: 'Validate Cluster Network Configuration',
  ipConfiguration: 'Validate IP Configuration',
  networkCommunication: 'Validate Network Communication',
  listDisks: 'List Disks',
  potentialDisks: 'List Potential Cluster Disks',
  diskArbitration: 'Validate Disk Arbitration',
  diskFailover: 'Validate Disk Failover',
  multipleArbitration: 'Validate Multiple Arbitration',
  persistentReservation: 'Validate SCSI-3 Persistent Reservation',
  simultaneousFailover: 'Validate Simultaneous Failover',
  activeDirectory: 'Validate Active Directory Configuration',
  installationOption: 'Validate Operating System Installation Option',
  osVersion: 'Validate Operating System Version',
  architecture: 'Validate Same Processor Architecture',
} as const;

export type ModelledTestName = (typeof testNames)[keyof typeof testNames];
