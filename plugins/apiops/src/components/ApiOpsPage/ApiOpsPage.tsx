import { Header, Page } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { apiopsTranslationRef } from '../../translation';
import { ApiOpsPageContent } from './ApiOpsPageContent';

/**
 * The APIOps page with Backstage's page header, for apps on the legacy
 * frontend system.
 *
 * @public
 */
export function ApiOpsPage() {
  const { t } = useTranslationRef(apiopsTranslationRef);
  return (
    <Page themeId="tool">
      <Header title={t('page.title')} subtitle={t('page.subtitle')} />
      <ApiOpsPageContent />
    </Page>
  );
}
