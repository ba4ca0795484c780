import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsync from 'react-use/esm/useAsync';
import { parseEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import {
  useApiHolder,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { CampaignsApi, apiopsCampaignsApiRef } from '../../api';
import { apiopsCampaignsTranslationRef } from '../../campaignsTranslation';
import { ReportErrorPanel } from '../ReportErrorPanel';
import { CampaignStateChip } from './CampaignStateChip';
import { useCampaignLink } from './useCampaignLink';

const useStyles = makeStyles(theme => ({
  item: {
    display: 'block',
    paddingLeft: 0,
    paddingRight: 0,
  },
  title: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  reasons: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2.5),
  },
  fix: {
    color: theme.palette.text.secondary,
  },
}));

/**
 * On an API's APIOps tab: the campaigns whose goal the API does not meet
 * yet, each with why and what to do; nothing when it meets them all.
 */
export function ApiCampaigns(props: { entityRef: string }) {
  // Nothing in an app without the campaigns client.
  const api = useApiHolder().get(apiopsCampaignsApiRef);
  return api ? <FailedCampaigns api={api} entityRef={props.entityRef} /> : null;
}

function FailedCampaigns(props: { api: CampaignsApi; entityRef: string }) {
  const { api, entityRef } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsCampaignsTranslationRef);
  const campaignLink = useCampaignLink();
  const { value, loading, error } = useAsync(
    () => api.listApiCampaignFailures(parseEntityRef(entityRef)),
    [api, entityRef],
  );
  if (error) {
    return <ReportErrorPanel error={error} />;
  }
  if (!value) {
    return loading ? <Progress /> : null;
  }
  if (value.items.length === 0) {
    return null;
  }
  return (
    <InfoCard title={t('apiTab.title')}>
      <List dense disablePadding>
        {value.items.map(({ campaign, reasons }) => (
          <ListItem key={campaign.id} className={classes.item}>
            <div className={classes.title}>
              <Link to={campaignLink(campaign.id)}>
                <Typography variant="subtitle2" component="span">
                  {campaign.title}
                </Typography>
              </Link>
              <CampaignStateChip state={campaign.progress.state} />
              <Typography variant="body2" color="textSecondary">
                {t('apiTab.due', { date: campaign.dueDate })}
              </Typography>
            </div>
            <ul className={classes.reasons}>
              {reasons.map((reason, index) => (
                <li key={index}>
                  <Typography variant="body2">{reason.message}</Typography>
                  <Typography variant="body2" className={classes.fix}>
                    {reason.fix}
                  </Typography>
                </li>
              ))}
            </ul>
          </ListItem>
        ))}
      </List>
    </InfoCard>
  );
}
