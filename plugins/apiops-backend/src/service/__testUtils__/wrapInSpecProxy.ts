import { wrapServer } from '@backstage/backend-openapi-utils/testUtils';
import express from 'express';
import http from 'node:http';
import { spec } from '../../schema/openapi';

/** Where a Backstage backend serves the plugin. */
const BASE_PATH = '/api/apiops';

/**
 * Serves the plugin behind the proxy of `wrapServer`, which checks every
 * request and response that passes through it against
 * src/schema/openapi.yaml: a response the spec does not describe (an
 * undocumented status, a missing or mistyped field) fails the test. Returns
 * the proxy's base URL, to hand to supertest; paths are those of the spec
 * (`/reports/summary`).
 *
 * `target` is an app made of the plugin's router, or the server of a test
 * backend (`startTestBackend`), whose plugin answers under `/api/apiops`.
 *
 * - It listens on 127.0.0.1: `wrapServer` calls `app.listen(port)`, which
 *   binds `::`, and on some machines its proxy (mockttp) cannot reach that
 *   and answers 502.
 * - It returns the proxy's origin as a string: `wrapServer` returns a server
 *   whose `address()` is a URL, which supertest 7 cannot take.
 * - The proxy reads the spec from `/openapi.json`; here it gets the spec
 *   without its `format`s. Its ajv knows no formats (it could not check a
 *   `date-time`) and, being strict, throws on the first one it meets.
 *
 * What the proxy does not do: it checks a response against the spec's
 * `application/json` schema whatever its content type, so send the CSV
 * exports to the target itself; it skips the checks of the request when the
 * target answers 400, so bad input can go through it.
 */
export async function wrapInSpecProxy(
  target: express.Express | http.Server,
): Promise<string> {
  const specJson = JSON.stringify(withoutFormats(spec));
  const forward = forwarderTo(target);
  const server = await wrapServer({
    listen: (port: number) =>
      http
        .createServer((req, res) => {
          if (req.method === 'GET' && req.url === '/openapi.json') {
            res.setHeader('content-type', 'application/json');
            res.end(specJson);
          } else {
            forward(req, res);
          }
        })
        .listen(port, '127.0.0.1'),
  } as unknown as express.Express);
  return (server.address() as unknown as URL).origin;
}

function forwarderTo(
  target: express.Express | http.Server,
): http.RequestListener {
  if (!(target instanceof http.Server)) {
    return target;
  }
  const [listener] = target.listeners('request') as http.RequestListener[];
  return (req, res) => {
    req.url = `${BASE_PATH}${req.url}`;
    listener(req, res);
  };
}

function withoutFormats(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(withoutFormats);
  }
  if (typeof node !== 'object' || node === null) {
    return node;
  }
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => key !== 'format' || typeof value !== 'string')
      .map(([key, value]) => [key, withoutFormats(value)]),
  );
}
