import { useEffect, useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import CheckBoxIcon from '@material-ui/icons/CheckBox';
import CheckBoxOutlineBlankIcon from '@material-ui/icons/CheckBoxOutlineBlank';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  CatalogAutocomplete,
  catalogApiRef,
  useEntityList,
} from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { ApiOpsEntityFilters } from './ApiOpsLabelFilters';

type LabelFilterName = 'apiopsStation' | 'apiopsGovernance';

/** The props of {@link ApiOpsLabelPicker}. */
export interface ApiOpsLabelPickerProps<Name extends LabelFilterName> {
  /** The filter's key in the entity list, and in the URL. */
  name: Name;
  /** The label on the entities, e.g. `apiops/station`. */
  label: string;
  /** The picker's title. */
  title: string;
  Filter: new (values: string[]) => NonNullable<ApiOpsEntityFilters[Name]>;
  /** The values present in the catalog, in the order to offer them. */
  sortOptions(values: string[]): string[];
  /** What the user reads for a value. */
  optionLabel(value: string): string;
  initialSelectedOptions?: string[];
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/**
 * A multiple-choice picker of the values of an APIOps label among the
 * entities of the selected kind, like the catalog's `EntityAutocompletePicker`
 * but with the options in the picker's own order and with readable names.
 * Renders nothing while no such entity carries the label (the APIOps catalog
 * module is not installed, or has not run yet).
 */
export function ApiOpsLabelPicker<Name extends LabelFilterName>(
  props: ApiOpsLabelPickerProps<Name>,
) {
  const {
    name,
    label,
    title,
    Filter,
    sortOptions,
    optionLabel,
    initialSelectedOptions,
  } = props;
  const catalogApi = useApi(catalogApiRef);
  const {
    filters,
    updateFilters,
    queryParameters: { [name]: queryParameter },
  } = useEntityList<ApiOpsEntityFilters>();

  const kindFilter = filters.kind;
  const facet = `metadata.labels.${label}`;
  const { value: counts } = useAsync(async () => {
    const { facets } = await catalogApi.getEntityFacets({
      facets: [facet],
      filter: kindFilter?.getCatalogFilters(),
    });
    return new Map(
      (facets[facet] ?? []).map(({ value, count }) => [value, count]),
    );
  }, [catalogApi, facet, kindFilter]);
  const options = useMemo(
    () => sortOptions([...(counts?.keys() ?? [])]),
    [counts, sortOptions],
  );

  const queryValues = useMemo(
    () => [queryParameter ?? []].flat().filter(Boolean),
    [queryParameter],
  );
  const filterValues = filters[name]?.values;
  const [selected, setSelected] = useState<string[]>(() =>
    queryValues.length
      ? queryValues
      : filterValues ?? initialSelectedOptions ?? [],
  );

  // Back and forward in the browser change the URL's values.
  useEffect(() => {
    if (queryValues.length) {
      setSelected(queryValues);
    }
  }, [queryValues]);

  // Filter only once the catalog has the label, so that a value from an old
  // link cannot hide every entity behind a picker that is not shown.
  const active = selected.length > 0 && options.length > 0;
  useEffect(() => {
    updateFilters({
      [name]: active ? new Filter(selected) : undefined,
    } as Partial<ApiOpsEntityFilters>);
  }, [name, active, selected, Filter, updateFilters]);

  // Another component (e.g. "clear filters") changed the filter.
  useEffect(() => {
    if (active && !sameValues(filterValues ?? [], selected)) {
      setSelected(filterValues ?? []);
    }
    // Only a change of the filter from outside is to be followed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filterValues]);

  if (options.length === 0) {
    return null;
  }
  return (
    <Box pb={1} pt={1}>
      <CatalogAutocomplete<string, true>
        multiple
        disableCloseOnSelect
        label={title}
        name={`${name}-picker`}
        options={options}
        value={selected}
        onChange={(_event, values) => setSelected(values)}
        getOptionLabel={optionLabel}
        renderOption={(option, { selected: isSelected }) => (
          <FormControlLabel
            control={
              <Checkbox
                icon={<CheckBoxOutlineBlankIcon fontSize="small" />}
                checkedIcon={<CheckBoxIcon fontSize="small" />}
                checked={isSelected}
              />
            }
            label={`${optionLabel(option)} (${counts?.get(option) ?? 0})`}
            onClick={event => event.preventDefault()}
          />
        )}
      />
    </Box>
  );
}
