import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('boots to the sign-in page with the guest provider', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    expect(
      await screen.findByText(/Enter as a Guest User/, {}, { timeout: 25_000 }),
    ).toBeInTheDocument();
  }, 30_000);
});
