import { normalizeRestPath, pathDiscriminator } from './normalization';

describe('pathDiscriminator', () => {
  it.each([
    // AWS query protocol: the action in the fragment or the query.
    [
      '/#Action=CreateLoadBalancer&Version=2012-06-01',
      'action=createloadbalancer',
    ],
    ['/?Action=SendEmail', 'action=sendemail'],
    ['/?Version=2010-12-01&Action=SendEmail', 'action=sendemail'],
    // AWS JSON protocol: the action without the service and version.
    ['/#X-Amz-Target=AmazonSSM.ListDocuments', 'x-amz-target=listdocuments'],
    [
      '/#X-Amz-Target=AWSWAF_Regional_20161128.CreateRule',
      'x-amz-target=createrule',
    ],
    // JSON-RPC style: a bare method name, or a method key.
    ['/#getBlock', 'getblock'],
    ['/?method=getblock', 'method=getblock'],
    // Several parts, sorted; separators `&` and `;`.
    ['/?b=2;a=1', 'a=1&b=2'],
  ])('%s → %s', (path, discriminator) => {
    expect(pathDiscriminator(path)).toBe(discriminator);
  });

  it('is empty without a query or fragment', () => {
    expect(pathDiscriminator('/orders/{id}')).toBe('');
    expect(pathDiscriminator('/')).toBe('');
  });

  it('leaves out templated values: they are parameters, not operations', () => {
    expect(pathDiscriminator('/items?page={page}&size={size}')).toBe('');
    expect(pathDiscriminator('/items?page={page}&Action=List')).toBe(
      'action=list',
    );
  });

  it('leaves out version keys in any spelling', () => {
    for (const key of ['Version', 'api-version', 'apiVersion', 'v']) {
      expect(pathDiscriminator(`/?${key}=2023-01-01`)).toBe('');
    }
    expect(pathDiscriminator('/?api-version=2023-01-01&op=get')).toBe('op=get');
  });

  it('gives the same action for two services publishing one operation', () => {
    expect(pathDiscriminator('/#X-Amz-Target=AWSWAF_20150824.CreateRule')).toBe(
      pathDiscriminator('/#X-Amz-Target=AWSWAF_Regional_20161128.CreateRule'),
    );
    expect(pathDiscriminator('/#Action=CreateRule')).not.toBe(
      pathDiscriminator('/#X-Amz-Target=AWSWAF_20150824.CreateRule'),
    );
  });

  it('stays bounded, and fast, on a hostile 1 MB key', () => {
    const MB = 1024 * 1024;
    const hostile = [
      `/?${'x'.repeat(MB)}`,
      `/?${Array.from({ length: MB / 8 }, (_, i) => `k${i}=v`).join('&')}`,
      `/#${'?'.repeat(MB)}`,
      `/?${'x-amz-target='.repeat(MB / 13)}`,
      `/?a=${'{'.repeat(MB)}`,
    ];
    const started = Date.now();
    for (const path of hostile) {
      expect(path.length).toBeGreaterThanOrEqual(MB - 16);
      expect(pathDiscriminator(path).length).toBeLessThanOrEqual(200);
      expect(normalizeRestPath(path, []).path.length).toBeLessThanOrEqual(202);
    }
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('normalizeRestPath', () => {
  it('puts the discriminator after the path, and the path is then not root-like', () => {
    expect(normalizeRestPath('/#Action=DescribeTags', [])).toMatchObject({
      path: '/?action=describetags',
      rootLike: false,
      staticSegments: [],
    });
    // Under a versioned base path, the discriminator stays.
    expect(
      normalizeRestPath('/v1/svc/#X-Amz-Target=Foo.Bar', [['v1']]).path,
    ).toBe('/svc?x-amz-target=bar');
  });

  it('calls a path without static segment root-like', () => {
    expect(normalizeRestPath('/', [])).toMatchObject({
      path: '/',
      rootLike: true,
    });
    expect(normalizeRestPath('/v1/{+name}', [])).toMatchObject({
      path: '/{}',
      rootLike: true,
      versioned: true,
    });
    // Static text beside a parameter (a custom method) names the operation.
    expect(normalizeRestPath('/v1/{+name}:cancel', [])).toMatchObject({
      path: '/{}:cancel',
      rootLike: false,
    });
    // Separators alone are no static text.
    expect(normalizeRestPath('/{a}-{b}/{c}', [])).toMatchObject({
      path: '/{}-{}/{}',
      rootLike: true,
    });
    expect(normalizeRestPath('/orders', [])).toMatchObject({
      rootLike: false,
    });
  });

  it('keeps a templated query out of the signature', () => {
    expect(normalizeRestPath('/orders?page={page}', []).path).toBe('/orders');
  });
});
