import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import Grid from '@material-ui/core/Grid';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import CompareArrowsIcon from '@material-ui/icons/CompareArrows';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { parseEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { ApiVersionFamily } from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import { apiopsChangesTranslationRef } from '../../changesTranslation';
import { useFocusRingStyles } from '../focusRing';
import { useMemberLabel, VersionComparison } from './VersionComparison';

const useStyles = makeStyles(theme => ({
  list: {
    margin: theme.spacing(1, 0, 2),
    paddingLeft: theme.spacing(2.5),
  },
  facts: {
    color: theme.palette.text.secondary,
  },
}));

/**
 * The comparison of the consecutive live versions of a family, in a dialog
 * as wide as the page allows.
 */
export function VersionComparisonDialog(props: {
  family: ApiVersionFamily;
  open: boolean;
  onClose: () => void;
}) {
  const { family, open, onClose } = props;
  const { t } = useTranslationRef(apiopsChangesTranslationRef);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="lg"
      aria-labelledby="apiops-version-comparison-title"
    >
      <DialogTitle id="apiops-version-comparison-title">
        {t('versions.dialogTitle')}
      </DialogTitle>
      <DialogContent dividers>
        <VersionComparison family={family} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} color="primary">
          {t('versions.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * The Versions section of an API's APIOps tab, for an API in a version
 * family (more than one live version): the family's versions, oldest major
 * first, and the comparison of consecutive versions side by side. Nothing
 * for an API in no family.
 */
export function ApiVersions(props: {
  entityRef: string;
  /** In a grid item of its own (`xs={12}`), when there is anything to show. */
  gridItem?: boolean;
}) {
  const { entityRef, gridItem } = props;
  const classes = useStyles();
  const focus = useFocusRingStyles();
  const apiopsApi = useApi(apiopsApiRef);
  const { t } = useTranslationRef(apiopsChangesTranslationRef);
  const labelOf = useMemberLabel();
  const [open, setOpen] = useState(false);
  const { value: family, error } = useAsync(
    () => apiopsApi.getApiVersions(parseEntityRef(entityRef)),
    [apiopsApi, entityRef],
  );

  const place = (content: JSX.Element) =>
    gridItem ? (
      <Grid item xs={12}>
        {content}
      </Grid>
    ) : (
      content
    );

  if (error) {
    // A refusal hides the section as the API had no family; other errors say so.
    if (error instanceof ResponseError && error.statusCode === 403) return null;
    return place(
      <Alert severity="error">
        {t('versions.error', { message: error.message })}
      </Alert>,
    );
  }
  if (!family || family.members.length < 2) {
    return null;
  }
  const current = entityRef.toLocaleLowerCase('en-US');
  return place(
    <InfoCard
      className={focus.within}
      title={t('versions.title')}
      subheader={t('versions.subheader')}
      variant="gridItem"
    >
      <Typography variant="body2">
        {t('versions.intro', { n: String(family.members.length) })}
      </Typography>
      <ol className={classes.list} aria-label={t('versions.membersLabel')}>
        {family.members.map(member => (
          <li key={member.entityRef}>
            <Typography variant="body2" component="span">
              <strong>{labelOf(member)}</strong>{' '}
              <EntityRefLink entityRef={member.entityRef}>
                {member.title}
              </EntityRefLink>
              {member.entityRef.toLocaleLowerCase('en-US') === current &&
                ` ${t('versions.current')}`}
            </Typography>
            {member.lifecycle && (
              <Typography
                variant="body2"
                component="span"
                className={classes.facts}
              >
                {' · '}
                {member.lifecycle}
              </Typography>
            )}
          </li>
        ))}
      </ol>
      {family.comparisons.length > 0 && (
        <Button
          variant="outlined"
          color="primary"
          startIcon={<CompareArrowsIcon />}
          onClick={() => setOpen(true)}
        >
          {t('versions.compare')}
        </Button>
      )}
      <VersionComparisonDialog
        family={family}
        open={open}
        onClose={() => setOpen(false)}
      />
    </InfoCard>,
  );
}
