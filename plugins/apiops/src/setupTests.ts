import '@testing-library/jest-dom';

// Component tests render whole screens of the app; on a loaded 2-core CI
// machine some take longer than Jest's default 5 s.
jest.setTimeout(60_000);
