import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';

/*
 * The portal's own app-config files, as the config loader reads them: a
 * duplicate key (a second `apiops:` block, say) stops `npm start` before any
 * plugin runs, and only the browser tests would notice.
 */
const root = path.resolve(__dirname, '../../..');
const files = fs
  .readdirSync(root)
  .filter(file => /^app-config(\..+)?\.yaml$/.test(file));

describe('app-config files', () => {
  it('finds the portal config', () => {
    expect(files).toContain('app-config.yaml');
  });

  it.each(files)('%s parses without errors or duplicate keys', file => {
    const document = yaml.parseDocument(
      fs.readFileSync(path.join(root, file), 'utf8'),
    );
    expect(document.errors.map(error => error.message)).toEqual([]);
    expect(document.warnings.map(warning => warning.message)).toEqual([]);
  });
});
