import { useEffect, useState } from 'react';
import {
  appLanguageApiRef,
  useApiHolder,
} from '@backstage/frontend-plugin-api';

/**
 * The language the user sees the app in, as a BCP 47 tag (`en`, `fi-FI`): the
 * app language of Backstage's `appLanguageApiRef` (following changes) when
 * the app provides it, else the browser's language, else English.
 */
export function useAppLocale(): string {
  const languageApi = useApiHolder().get(appLanguageApiRef);
  const [language, setLanguage] = useState(
    () => languageApi?.getLanguage().language,
  );

  useEffect(() => {
    if (!languageApi) {
      return undefined;
    }
    setLanguage(languageApi.getLanguage().language);
    const subscription = languageApi
      .language$()
      .subscribe(value => setLanguage(value.language));
    return () => subscription.unsubscribe();
  }, [languageApi]);

  return language || browserLanguage();
}

function browserLanguage(): string {
  if (typeof navigator !== 'undefined' && navigator.language) {
    return navigator.language;
  }
  return 'en';
}
