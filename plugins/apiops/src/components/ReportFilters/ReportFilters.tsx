import { ChangeEvent, ReactNode } from 'react';
import MenuItem from '@material-ui/core/MenuItem';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import { EntityRefPicker } from './EntityRefPicker';
import type { ReportFilterInputs } from './useReportFilters';

/**
 * The entity filters: an example of the refs each takes, and the kinds of
 * the catalog it offers.
 */
const ENTITY_FILTERS = [
  { name: 'owner', example: 'group:default/team-a', kinds: ['Group', 'User'] },
  { name: 'system', example: 'system:default/payments', kinds: ['System'] },
] as const;

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  typeFilter: {
    minWidth: 200,
  },
  textFilter: {
    minWidth: 220,
    flex: '1 1 220px',
    maxWidth: 320,
  },
}));

/** The labels of the filters, as the report translates them. */
export interface ReportFilterLabels<T extends string> {
  type: string;
  /** The option that filters on no type. */
  anyType: string;
  typeOption: (type: T) => string;
  owner: string;
  system: string;
  /** The helper text of a text filter, given an example ref. */
  refHelp: (example: string) => string;
}

/**
 * The filter bar of a report: a select of its types (several when
 * `multiple`), and owner and system pickers with completion from the
 * catalog. What follows the filters, e.g. a download button, comes as
 * children.
 */
export function ReportFilters<T extends string>(props: {
  /** Prefix of the fields' ids, e.g. `apiops-gap`. */
  idPrefix: string;
  types: readonly T[];
  /** Whether several types can be picked (any of them matches). */
  multiple?: boolean;
  labels: ReportFilterLabels<T>;
  value: ReportFilterInputs<T>;
  onChange: (change: Partial<ReportFilterInputs<T>>) => void;
  /** Entity filters not offered (the report is fixed to one, say). */
  hide?: ReadonlyArray<'owner' | 'system'>;
  children?: ReactNode;
}) {
  const { idPrefix, types, multiple, labels, value, onChange, children } =
    props;
  const hidden = new Set(props.hide ?? []);
  const classes = useStyles();

  return (
    <div className={classes.filters}>
      <TextField
        select
        id={`${idPrefix}-type`}
        className={classes.typeFilter}
        variant="outlined"
        size="small"
        label={labels.type}
        value={multiple ? value.types : value.types[0] ?? ''}
        SelectProps={{
          displayEmpty: true,
          multiple,
          renderValue: selected => {
            const picked = (
              Array.isArray(selected) ? selected : [selected]
            ).filter(Boolean) as T[];
            return picked.length
              ? picked.map(labels.typeOption).join(', ')
              : labels.anyType;
          },
        }}
        InputLabelProps={{ shrink: true }}
        onChange={(event: ChangeEvent<{ value: unknown }>) => {
          const picked = event.target.value as T | T[];
          onChange({
            types: (Array.isArray(picked) ? picked : [picked]).filter(Boolean),
          });
        }}
      >
        {!multiple && <MenuItem value="">{labels.anyType}</MenuItem>}
        {types.map(type => (
          <MenuItem key={type} value={type}>
            {labels.typeOption(type)}
          </MenuItem>
        ))}
      </TextField>
      {ENTITY_FILTERS.filter(({ name }) => !hidden.has(name)).map(
        ({ name, example, kinds }) => (
          <EntityRefPicker
            key={name}
            id={`${idPrefix}-${name}`}
            className={classes.textFilter}
            label={labels[name]}
            helperText={labels.refHelp(example)}
            kinds={kinds}
            value={value[name]}
            onChange={text => onChange({ [name]: text })}
          />
        ),
      )}
      {children}
    </div>
  );
}
