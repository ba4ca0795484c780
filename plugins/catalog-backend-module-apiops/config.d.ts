import { HumanDuration } from '@backstage/types';

export interface Config {
  catalog?: {
    processors?: {
      /**
       * The APIOps catalog module
       * (`@apiops-backstage/plugin-catalog-backend-module-apiops`), which sets
       * the `apiops/station`, `apiops/governance` and `apiops/ownership-gap`
       * labels of API entities.
       */
      apiops?: {
        /**
         * How often the labels are read again from the APIOps backend
         * plugin (a 304 when nothing changed); 30 seconds by default. Keep
         * it well below the catalog's `processingInterval`.
         */
        refreshInterval?: HumanDuration | string;
      };
    };
  };
}
