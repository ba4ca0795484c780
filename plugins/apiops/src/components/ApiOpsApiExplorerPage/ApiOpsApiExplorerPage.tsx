import {
  Content,
  ContentHeader,
  CreateButton,
  PageWithHeader,
  SupportButton,
} from '@backstage/core-components';
import { configApiRef, useApi, useRouteRef } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  apiDocsPlugin,
  apiDocsTranslationRef,
  DefaultApiExplorerPageProps,
} from '@backstage/plugin-api-docs';
import { catalogEntityCreatePermission } from '@backstage/plugin-catalog-common/alpha';
import { usePermission } from '@backstage/plugin-permission-react';
import { ApiOpsApiExplorerContent } from './ApiOpsApiExplorerContent';

/**
 * The texts and the actions of the API docs plugin's explorer page, which
 * this page stands in for.
 */
function useApiExplorerHeader() {
  const { t } = useTranslationRef(apiDocsTranslationRef);
  const configApi = useApi(configApiRef);
  const registerApiLink = useRouteRef(apiDocsPlugin.externalRoutes.registerApi);
  const { allowed } = usePermission({
    permission: catalogEntityCreatePermission,
  });
  return {
    title: t('defaultApiExplorerPage.title'),
    subtitle: t('defaultApiExplorerPage.subtitle', {
      orgName: configApi.getOptionalString('organization.name') ?? 'Backstage',
    }),
    pageTitleOverride: t('defaultApiExplorerPage.pageTitleOverride'),
    actions: (
      <>
        {allowed && (
          <CreateButton
            title={t('defaultApiExplorerPage.createButtonTitle')}
            to={registerApiLink?.()}
          />
        )}
        <SupportButton>
          {t('defaultApiExplorerPage.supportButtonTitle')}
        </SupportButton>
      </>
    ),
  };
}

/**
 * The API explorer page of the API docs plugin with the APIOps station and
 * governance filters added to its own. The API docs plugin's page takes no
 * filters, but its `ApiExplorerPage` shows the child of its route in place of
 * its default page: in an app on the legacy frontend system, make this page
 * the child of the `/api-docs` route (see the plugin's README). It takes the
 * props of the API docs plugin's `DefaultApiExplorerPage`.
 *
 * @public
 */
export function ApiOpsApiExplorerPage(props: DefaultApiExplorerPageProps) {
  const header = useApiExplorerHeader();
  return (
    <PageWithHeader
      themeId="apis"
      title={header.title}
      subtitle={header.subtitle}
      pageTitleOverride={header.pageTitleOverride}
    >
      <Content>
        <ContentHeader title="">{header.actions}</ContentHeader>
        <ApiOpsApiExplorerContent {...props} />
      </Content>
    </PageWithHeader>
  );
}

/**
 * The same page for the new frontend system, where the page extension
 * already shows the page's title in its header.
 */
export function NfsApiOpsApiExplorerPage(props: DefaultApiExplorerPageProps) {
  const header = useApiExplorerHeader();
  return (
    <Content>
      <ContentHeader title={header.subtitle}>{header.actions}</ContentHeader>
      <ApiOpsApiExplorerContent {...props} />
    </Content>
  );
}
