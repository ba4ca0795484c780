import { renderInTestApp } from '@backstage/frontend-test-utils';
import { themes, UnifiedThemeProvider } from '@backstage/theme';
import { screen } from '@testing-library/react';
import { SEVERITY_COLORS } from '../colors';
import { SeverityIcon } from './SeverityIcon';
import { SeverityStatus } from './GovernanceLabels';

describe('SeverityIcon', () => {
  it('is an image named by its label, in the severity colour', async () => {
    await renderInTestApp(
      <UnifiedThemeProvider theme={themes.light}>
        <SeverityIcon tone="error" label="Error" />
      </UnifiedThemeProvider>,
    );
    const icon = screen.getByRole('img', { name: 'Error' });
    expect(icon).toHaveAttribute('data-severity', 'error');
    expect(icon).toHaveStyle({ color: SEVERITY_COLORS.light.error });
  });

  it('is decoration beside a text that says the severity', async () => {
    await renderInTestApp(
      <UnifiedThemeProvider theme={themes.light}>
        <SeverityStatus severity="warning">Attention</SeverityStatus>
      </UnifiedThemeProvider>,
    );
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText('Attention')).toBeInTheDocument();
    const icon = document.querySelector('[data-severity="warning"]')!;
    expect(icon).toHaveAttribute('aria-hidden', 'true');
    expect(icon).toHaveStyle({ color: SEVERITY_COLORS.light.warning });
  });
});
