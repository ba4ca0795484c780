import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  SnapshotInfo,
  apiopsSnapshotCreatePermission,
} from '@apiops-backstage/plugin-apiops-common';
import { SnapshotStore } from '../database/SnapshotStore';
import { requirePermission } from './requirePermission';

/**
 * Starts a snapshot on request, for callers with `apiops.snapshot.create`.
 *
 * @internal
 */
export class SnapshotRequestService {
  private constructor(
    private readonly permissions: PermissionsService,
    private readonly snapshots: SnapshotStore,
    private readonly trigger: () => Promise<void>,
  ) {}

  static create(options: {
    permissions: PermissionsService;
    snapshots: SnapshotStore;
    /** Starts a snapshot on one of the backend's replicas. */
    trigger: () => Promise<void>;
  }): SnapshotRequestService {
    return new SnapshotRequestService(
      options.permissions,
      options.snapshots,
      options.trigger,
    );
  }

  /** Starts a snapshot; answers what is known of the current one. */
  async request(credentials: BackstageCredentials): Promise<SnapshotInfo> {
    await requirePermission(this.permissions, credentials, {
      permission: apiopsSnapshotCreatePermission,
    });
    await this.trigger();
    return this.snapshots.getInfo();
  }
}
