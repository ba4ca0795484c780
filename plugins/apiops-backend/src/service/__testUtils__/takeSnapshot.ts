import request from 'supertest';

/**
 * Asks for a snapshot (`POST /snapshots`) as the caller of `authorization`
 * and waits until a new one has completed: resolves to the summary that
 * names it.
 */
export async function takeSnapshot(
  server: Parameters<typeof request>[0],
  authorization: string,
) {
  const before = await request(server)
    .get('/reports/summary')
    .set('authorization', authorization);
  const res = await request(server)
    .post('/snapshots')
    .set('authorization', authorization);
  expect(res.status).toBe(202);
  for (let i = 0; i < 200; i++) {
    const summary = await request(server)
      .get('/reports/summary')
      .set('authorization', authorization);
    if (
      summary.body.snapshot.id &&
      summary.body.snapshot.id !== before.body.snapshot.id
    ) {
      return summary.body;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error('the snapshot did not complete');
}
