import { ChangeEvent, ReactNode } from 'react';
import MenuItem from '@material-ui/core/MenuItem';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import type { ReportFilterInputs } from './useReportFilters';

/** The text filters, each with an example of the refs it takes. */
const TEXT_FILTERS = [
  { name: 'owner', example: 'group:default/team-a' },
  { name: 'system', example: 'system:default/payments' },
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
 * The filter bar of a report: a select of its types, and text filters for
 * owner and system. What follows the filters, e.g. a download button, comes
 * as children.
 */
export function ReportFilters<T extends string>(props: {
  /** Prefix of the fields' ids, e.g. `apiops-gap`. */
  idPrefix: string;
  types: readonly T[];
  labels: ReportFilterLabels<T>;
  value: ReportFilterInputs<T>;
  onChange: (change: Partial<ReportFilterInputs<T>>) => void;
  children?: ReactNode;
}) {
  const { idPrefix, types, labels, value, onChange, children } = props;
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
        value={value.type ?? ''}
        SelectProps={{ displayEmpty: true }}
        InputLabelProps={{ shrink: true }}
        onChange={(event: ChangeEvent<{ value: unknown }>) =>
          onChange({ type: (event.target.value as T) || undefined })
        }
      >
        <MenuItem value="">{labels.anyType}</MenuItem>
        {types.map(type => (
          <MenuItem key={type} value={type}>
            {labels.typeOption(type)}
          </MenuItem>
        ))}
      </TextField>
      {TEXT_FILTERS.map(({ name, example }) => (
        <TextField
          key={name}
          id={`${idPrefix}-${name}`}
          className={classes.textFilter}
          variant="outlined"
          size="small"
          label={labels[name]}
          helperText={labels.refHelp(example)}
          value={value[name]}
          onChange={event => onChange({ [name]: event.target.value })}
        />
      ))}
      {children}
    </div>
  );
}
