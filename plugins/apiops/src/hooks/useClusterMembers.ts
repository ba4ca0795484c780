import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  FragmentationCluster,
  FragmentationClusterMember,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../api';

/** Members per request when loading all the members of a cluster. */
const MEMBER_PAGE_SIZE = 1000;

/** The members of a cluster as far as they have been loaded. */
export interface ClusterMembersState {
  /** The members listed: the cluster's own, or all of them once loaded. */
  members: FragmentationClusterMember[];
  /** How many members the cluster has in all. */
  memberCount: number;
  /** Whether members remain that the cluster does not list. */
  hasMore: boolean;
  /** Whether the rest is being loaded. */
  loading: boolean;
  /** The error of the last load, if it failed. */
  error?: Error;
  /** Loads every member through the members route of the backend. */
  loadAll: () => void;
}

/**
 * The members of a cluster: the first ones the cluster lists (at most
 * `CLUSTER_MEMBERS_MAX`), and on demand all of them, paged from
 * `GET /reports/fragmentation/clusters/{clusterId}/members`.
 */
export function useClusterMembers(
  cluster: FragmentationCluster,
): ClusterMembersState {
  const apiopsApi = useApi(apiopsApiRef);
  // One state, so that a load ends in one update.
  const [load, setLoad] = useState<{
    loaded?: FragmentationClusterMember[];
    loading: boolean;
    error?: Error;
  }>({ loading: false });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const loadAll = useCallback(async () => {
    setLoad(previous => ({ loaded: previous.loaded, loading: true }));
    try {
      const all: FragmentationClusterMember[] = [];
      let cursor: string | undefined;
      do {
        const page = await apiopsApi.listClusterMembers(cluster.id, {
          limit: MEMBER_PAGE_SIZE,
          cursor,
        });
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      if (mounted.current) setLoad({ loaded: all, loading: false });
    } catch (e) {
      if (mounted.current) {
        setLoad(previous => ({
          loaded: previous.loaded,
          loading: false,
          error: e as Error,
        }));
      }
    }
  }, [apiopsApi, cluster.id]);

  const { loaded, loading, error } = load;
  const members = loaded ?? cluster.members;
  const memberCount = loaded
    ? loaded.length
    : cluster.memberCount ?? cluster.members.length;
  return {
    members,
    memberCount,
    hasMore: members.length < memberCount,
    loading,
    error,
    loadAll: () => {
      loadAll();
    },
  };
}
