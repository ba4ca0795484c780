import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete, {
  createFilterOptions,
} from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';

/** An entity the picker offers: its ref, and the name people know it by. */
export interface EntityRefOption {
  ref: string;
  displayName: string;
}

const filterOptions = createFilterOptions<EntityRefOption | string>({
  stringify: option =>
    typeof option === 'string' ? option : `${option.displayName} ${option.ref}`,
});

/** The ref of a picked option, the text of a typed one; none when cleared. */
function refOf(option: EntityRefOption | string | null): string {
  if (option === null) return '';
  return typeof option === 'string' ? option : option.ref;
}

/**
 * The entities of `kinds` in the catalog, by display name
 * (`spec.profile.displayName`, `metadata.title` or the name); none when the
 * app has no catalog API.
 */
function useEntityOptions(kinds: readonly string[]): EntityRefOption[] {
  const catalogApi = useApiHolder().get(catalogApiRef);
  const { value } = useAsync(async () => {
    if (!catalogApi) return [];
    const { items } = await catalogApi.getEntities({
      filter: { kind: [...kinds] },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.profile.displayName',
      ],
    });
    return items
      .map(entity => {
        const profile = (entity.spec?.profile ?? {}) as {
          displayName?: unknown;
        };
        const displayName =
          (typeof profile.displayName === 'string' && profile.displayName) ||
          entity.metadata.title ||
          entity.metadata.name;
        return { ref: stringifyEntityRef(entity), displayName };
      })
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  }, [catalogApi, kinds.join(',')]);
  return value ?? [];
}

/**
 * A text field for an entity ref with completion from the catalog: the
 * entities of `kinds` are offered by display name and found by display name
 * or ref; picking one sets its ref. A ref can still be typed.
 */
export function EntityRefPicker(props: {
  id: string;
  className?: string;
  label: string;
  helperText: string;
  kinds: readonly string[];
  /** The ref, or the text as typed. */
  value: string;
  onChange: (value: string) => void;
}) {
  const { id, className, label, helperText, kinds, value, onChange } = props;
  const options = useEntityOptions(kinds);
  const titleOf = (ref: string) =>
    options.find(option => option.ref === ref.toLocaleLowerCase('en-US'))
      ?.displayName;
  return (
    <Autocomplete<EntityRefOption | string, false, false, true>
      id={id}
      className={className}
      freeSolo
      size="small"
      options={options}
      filterOptions={filterOptions}
      getOptionLabel={option =>
        typeof option === 'string' ? option : option.ref
      }
      renderOption={option =>
        typeof option === 'string' ? (
          option
        ) : (
          <div>
            <Typography variant="body2">{option.displayName}</Typography>
            <Typography variant="caption" color="textSecondary">
              {option.ref}
            </Typography>
          </div>
        )
      }
      inputValue={value}
      onInputChange={(_event, text, reason) => {
        // `reset` puts the picked option's label in the field (its ref,
        // reported by onChange), or empties it on mount: the value holds.
        if (reason !== 'reset') onChange(text);
      }}
      onChange={(_event, option) => onChange(refOf(option))}
      renderInput={params => (
        <TextField
          {...params}
          variant="outlined"
          label={label}
          helperText={titleOf(value.trim()) ?? helperText}
        />
      )}
    />
  );
}
