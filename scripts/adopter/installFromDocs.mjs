// The steps of docs/install.md, applied to a fresh app by the adopter test
// (scripts/adopter/run.mjs). Every piece of code this file adds to the app is
// a snippet of the guide, checked to appear there verbatim (whitespace and
// Prettier's trailing commas aside): when the guide changes, this test follows or fails, and
// a step the guide misses cannot be quietly made up here.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const YAML = require('yaml');

/**
 * The text as the guide is compared with a snippet: without whitespace and
 * without trailing commas (those Prettier adds when it wraps a call, and a
 * snippet's own last one, which the guide may close at once; the guide's
 * code blocks are formatted by Prettier, the snippets are written on one line).
 */
function normalize(text) {
  return text.replace(/\s+/g, '').replace(/,([)\]}]|$)/g, '$1');
}

/** Applies the guide to `appDir`; answers one check per step. */
export function installFromDocs({ repoRoot, appDir, tarballs, apps, port }) {
  const guide = normalize(
    fs.readFileSync(path.join(repoRoot, 'docs/install.md'), 'utf8'),
  );
  const steps = [];
  const step = (name, fn) => {
    try {
      fn();
      steps.push({ name, ok: true });
    } catch (error) {
      steps.push({ name, ok: false, detail: error.message });
    }
  };
  const documented = snippet => {
    if (!guide.includes(normalize(snippet))) {
      throw new Error(`docs/install.md lacks:\n${snippet}`);
    }
    return snippet;
  };
  const file = relative => path.join(appDir, relative);
  const read = relative => fs.readFileSync(file(relative), 'utf8');
  const write = (relative, text) => fs.writeFileSync(file(relative), text);
  /** Inserts `snippet` before the first `anchor` found after `after`. */
  const insert = (relative, snippet, { before, after = '' }) => {
    const text = read(relative);
    const start = text.indexOf(after);
    const at = start < 0 ? -1 : text.indexOf(before, start + after.length);
    if (start < 0 || at < 0) {
      throw new Error(`${relative}: no "${before}" after "${after}"`);
    }
    write(
      relative,
      `${text.slice(0, at)}${documented(snippet)}${text.slice(at)}`,
    );
  };
  /** Puts `snippet` in place of `from`, which must be in the file once. */
  const replace = (relative, from, snippet) => {
    const text = read(relative);
    if (text.split(from).length !== 2) {
      throw new Error(`${relative}: "${from.trim()}" is not there once`);
    }
    documented(from);
    write(relative, text.replace(from, documented(snippet)));
  };
  const prepend = (relative, snippet) =>
    write(relative, `${documented(snippet)}${read(relative)}`);

  const resolutions = JSON.parse(
    fs.readFileSync(path.join(tarballs, 'resolutions.json'), 'utf8'),
  );
  const has = name => name in resolutions;
  const versionOf = name =>
    resolutions[name].match(/-(\d+\.\d+\.\d+[^/]*)\.tgz$/)[1];

  step(
    'tarballs in apiops-packages/, resolutions in the root package.json',
    () => {
      documented('mkdir -p apiops-packages');
      documented('"resolutions": {');
      fs.mkdirSync(file('apiops-packages'));
      const pkg = JSON.parse(read('package.json'));
      pkg.resolutions = { ...pkg.resolutions };
      for (const [name, target] of Object.entries(resolutions)) {
        const tarball = path.basename(target.replace(/^file:/, ''));
        fs.copyFileSync(
          path.join(tarballs, tarball),
          file(`apiops-packages/${tarball}`),
        );
        pkg.resolutions[name] = `file:./apiops-packages/${tarball}`;
        documented(`"${name}": "file:./apiops-packages/${tarball}"`);
      }
      write('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
    },
  );

  /**
   * The guide's `yarn --cwd packages/<dir> add '<name>@^<version>'`, as the
   * package.json edit it makes (one install follows, for all of them).
   */
  const addDependencies = (dir, guideDir, names) => {
    const pkg = JSON.parse(read(`${dir}/package.json`));
    for (const name of names) {
      const range = `^${versionOf(name)}`;
      documented(`yarn --cwd ${guideDir} add '${name}@${range}'`);
      pkg.dependencies[name] = range;
    }
    write(`${dir}/package.json`, `${JSON.stringify(pkg, null, 2)}\n`);
  };

  const backendPackages = [
    '@apiops-backstage/plugin-apiops-backend',
    '@apiops-backstage/plugin-apiops-backend-module-lint',
    '@apiops-backstage/plugin-catalog-backend-module-apiops',
    '@apiops-backstage/plugin-scaffolder-backend-module-apiops',
  ].filter(has);
  step('backend: the plugin and its modules', () => {
    addDependencies('packages/backend', 'packages/backend', backendPackages);
    for (const name of backendPackages) {
      insert(
        'packages/backend/src/index.ts',
        `backend.add(import('${name}'));\n`,
        { before: 'backend.start();' },
      );
    }
  });

  step('new frontend system: the plugin, found by app.packages: all', () => {
    documented('app.packages: all');
    addDependencies(apps.new, 'packages/app', [
      '@apiops-backstage/plugin-apiops',
    ]);
  });

  step('legacy frontend system: card, tabs, page and sidebar item', () => {
    const app = apps.legacy;
    addDependencies(app, 'packages/app', ['@apiops-backstage/plugin-apiops']);
    const entityPage = `${app}/src/components/catalog/EntityPage.tsx`;
    prepend(
      entityPage,
      `import {
  EntityApiOpsCard,
  EntityApiOpsContent,
  EntityGroupApiOpsContent,
} from '@apiops-backstage/plugin-apiops';
`,
    );
    insert(
      entityPage,
      `        <Grid item md={8} xs={12}>
          <EntityApiOpsCard />
        </Grid>
`,
      {
        after: 'const apiPage = (',
        before: '        <Grid container item md={12}>',
      },
    );
    insert(
      entityPage,
      `    <EntityLayout.Route path="/apiops" title="APIOps">
      <EntityApiOpsContent />
    </EntityLayout.Route>
`,
      { after: 'const apiPage = (', before: '  </EntityLayout>' },
    );
    insert(
      entityPage,
      `    <EntityLayout.Route path="/apiops" title="APIOps">
      <EntityGroupApiOpsContent />
    </EntityLayout.Route>
`,
      { after: 'const groupPage = (', before: '  </EntityLayout>' },
    );
    prepend(
      `${app}/src/App.tsx`,
      `import { ApiOpsPage } from '@apiops-backstage/plugin-apiops';\n`,
    );
    insert(
      `${app}/src/App.tsx`,
      `    <Route path="/apiops" element={<ApiOpsPage />} />\n`,
      { before: '  </FlatRoutes>' },
    );
    const root = `${app}/src/components/Root/Root.tsx`;
    prepend(
      root,
      `import TrackChangesIcon from '@material-ui/icons/TrackChanges';\n`,
    );
    insert(
      root,
      `        <SidebarItem icon={TrackChangesIcon} to="apiops" text="APIOps" />\n`,
      { after: 'text="Create..." />\n', before: '' },
    );
  });

  step('catalog filters, new frontend system: the API explorer module', () => {
    const app = `${apps.new}/src/App.tsx`;
    prepend(
      app,
      `import { apiDocsApiOpsFiltersModule } from '@apiops-backstage/plugin-apiops/alpha';\n`,
    );
    replace(
      app,
      '  features: [catalogPlugin, navModule, homeModule],\n',
      '  features: [catalogPlugin, navModule, homeModule, apiDocsApiOpsFiltersModule],\n',
    );
  });

  step(
    'catalog filters, legacy frontend system: catalog page and API explorer',
    () => {
      const app = `${apps.legacy}/src/App.tsx`;
      prepend(
        app,
        `import { DefaultFilters } from '@backstage/plugin-catalog-react';
import {
  ApiOpsApiExplorerPage,
  EntityApiOpsGovernancePicker,
  EntityApiOpsStationPicker,
} from '@apiops-backstage/plugin-apiops';
`,
      );
      replace(
        app,
        '    <Route path="/catalog" element={<CatalogIndexPage />} />\n',
        `    <Route
      path="/catalog"
      element={
        <CatalogIndexPage
          filters={
            <>
              <DefaultFilters />
              <EntityApiOpsStationPicker />
              <EntityApiOpsGovernancePicker />
            </>
          }
        />
      }
    />
`,
      );
      replace(
        app,
        '    <Route path="/api-docs" element={<ApiExplorerPage />} />\n',
        `    <Route path="/api-docs" element={<ApiExplorerPage />}>
      <ApiOpsApiExplorerPage />
    </Route>
`,
      );
    },
  );

  step('configuration: catalog rules, the example catalog, MCP actions', () => {
    documented(
      '- allow: [Component, System, API, Resource, Location, Domain, Group, User]',
    );
    documented('cp -r /path/to/apiops-backstage/examples apiops-examples');
    documented('target: ../../apiops-examples/all.yaml');
    documented('- scaffolder\n      - apiops');
    fs.cpSync(path.join(repoRoot, 'examples'), file('apiops-examples'), {
      recursive: true,
    });
    const doc = YAML.parseDocument(read('app-config.yaml'));
    doc.setIn(
      ['catalog', 'rules'],
      doc.createNode([
        {
          allow: [
            'Component',
            'System',
            'API',
            'Resource',
            'Location',
            'Domain',
            'Group',
            'User',
          ],
        },
      ]),
    );
    doc.getIn(['catalog', 'locations']).add(
      doc.createNode({
        type: 'file',
        target: '../../apiops-examples/all.yaml',
      }),
    );
    doc.getIn(['backend', 'actions', 'pluginSources']).add('apiops');
    write('app-config.yaml', doc.toString());
  });

  // Not the guide's: where the test serves each app (the backend serves the
  // built app of app.packageName) and an in-memory database per run.
  for (const [flavour, dir] of Object.entries(apps)) {
    const packageName = JSON.parse(read(`${dir}/package.json`)).name;
    write(
      `app-config.adopter-${flavour}.yaml`,
      YAML.stringify({
        app: { baseUrl: `http://localhost:${port}`, packageName },
        backend: {
          baseUrl: `http://localhost:${port}`,
          listen: { port },
          cors: { origin: `http://localhost:${port}` },
          database: { client: 'better-sqlite3', connection: ':memory:' },
        },
      }),
    );
  }
  return steps;
}
