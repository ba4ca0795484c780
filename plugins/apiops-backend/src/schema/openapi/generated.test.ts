import fs from 'node:fs';
import path from 'node:path';
import YAML from 'js-yaml';
import { spec } from './generated';

describe('the generated router', () => {
  it('carries the spec of src/schema/openapi.yaml (run `yarn generate:openapi` after editing it)', () => {
    const source = YAML.load(
      fs.readFileSync(path.resolve(__dirname, '../openapi.yaml'), 'utf8'),
    );
    expect(JSON.parse(JSON.stringify(spec))).toEqual(source);
  });
});
