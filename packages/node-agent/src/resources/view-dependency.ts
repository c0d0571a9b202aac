// Get-ClusterResourceDependency's output object: Resource, DependencyExpression, where the
// expression reads "[Cluster Disk 1] and [FS1]" or "[IP Address 10.0.1.50] or [IP Address 10.0.2.50]".
import { formatDependencyExpression } from './dependencies.js';
import type { ClusterResource } from './model.js';

export const getClusterResourceDependencyColumns = ['Resource', 'DependencyExpression'] as const;

export interface ClusterResourceDependencyView {
  Resource: string;
  DependencyExpression: string;
}

export function resourceDependencyView(resource: Pick<ClusterResource, 'name' | 'dependencies'>): ClusterResourceDependencyView {
  return { Resource: resource.name, DependencyExpression: formatDependencyExpression(resource.dependencies) };
}
