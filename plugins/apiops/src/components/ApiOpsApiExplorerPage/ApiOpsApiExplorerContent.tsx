import { CatalogTable } from '@backstage/plugin-catalog';
import {
  CatalogFilterLayout,
  EntityKindPicker,
  EntityLifecyclePicker,
  EntityListProvider,
  EntityOwnerPicker,
  EntityTagPicker,
  EntityTypePicker,
  UserListPicker,
} from '@backstage/plugin-catalog-react';
import type { DefaultApiExplorerPageProps } from '@backstage/plugin-api-docs';
import {
  EntityApiOpsGovernancePicker,
  EntityApiOpsStationPicker,
} from '../ApiOpsCatalogFilters';

const defaultColumns = [
  CatalogTable.columns.createTitleColumn({ hidden: true }),
  CatalogTable.columns.createNameColumn({ defaultKind: 'API' }),
  CatalogTable.columns.createSystemColumn(),
  CatalogTable.columns.createOwnerColumn(),
  CatalogTable.columns.createSpecTypeColumn(),
  CatalogTable.columns.createSpecLifecycleColumn(),
  CatalogTable.columns.createMetadataDescriptionColumn(),
  CatalogTable.columns.createTagsColumn(),
];

/**
 * The API explorer's list: the filters and the table of the API docs
 * plugin's explorer page (which takes no other filters), with the APIOps
 * station and governance filters after them.
 */
export function ApiOpsApiExplorerContent(props: DefaultApiExplorerPageProps) {
  const {
    initiallySelectedFilter = 'all',
    columns,
    actions,
    ownerPickerMode,
    pagination,
  } = props;
  return (
    <EntityListProvider pagination={pagination}>
      <CatalogFilterLayout>
        <CatalogFilterLayout.Filters>
          <EntityKindPicker initialFilter="api" hidden />
          <EntityTypePicker />
          <UserListPicker initialFilter={initiallySelectedFilter} />
          <EntityOwnerPicker mode={ownerPickerMode} />
          <EntityLifecyclePicker />
          <EntityTagPicker />
          <EntityApiOpsStationPicker />
          <EntityApiOpsGovernancePicker />
        </CatalogFilterLayout.Filters>
        <CatalogFilterLayout.Content>
          <CatalogTable columns={columns ?? defaultColumns} actions={actions} />
        </CatalogFilterLayout.Content>
      </CatalogFilterLayout>
    </EntityListProvider>
  );
}
