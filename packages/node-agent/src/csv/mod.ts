// Cluster Shared Volumes (issue 6 item 2): the public surface for node.ts, the cluster cmdlets,
// the bootstrap and the VM work.
//
// For the VM work:
//   csvVolumePath(state.cluster.gum.copy.entries, disk)  C:\ClusterStorage\VolumeN, or undefined when `disk` is not a CSV
//   isSharedVolume(state.cluster.gum.copy.entries, disk)  the disk is a CSV
//   csvAccessible(state.csv, disk)                        this node can use the volume now (Direct or BlockRedirected)
export { csvVolumePath, isSharedVolume, sharedVolumesOf, mountPathOf, sharedVolumeGroupName, type SharedVolumeRecord } from './volumes.js';
export { csvAccessible, type CsvHost, type CsvState, type CsvTimer, type CsvStateInfo } from './state.js';
export { addSharedVolumes, makeSharedVolume } from './add.js';
export { addClusterSharedVolume, getClusterSharedVolume } from './cmdlets.js';
export { initCsv, onCsvTimer, onCsvMessage, onCsvCompletions, checkCsvInvariants, csvCmdlets, isCsvMessage } from './subsystem.js';
export { csvTiming, csvLimits } from './timing.js';
