import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import {
  Entity,
  EntityRelation,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { evaluateOwnership } from './evaluateOwnership';
import { OwnershipIndex } from './OwnershipIndex';

const examples = path.resolve(__dirname, '../../../../examples');

function loadEntities(): Entity[] {
  const files = [
    'org.yaml',
    'domains-and-systems.yaml',
    'components.yaml',
    ...fs
      .readdirSync(path.join(examples, 'apis'))
      .filter(file => file.endsWith('.yaml'))
      .map(file => path.join('apis', file)),
  ];
  return files.flatMap(file =>
    parseAllDocuments(fs.readFileSync(path.join(examples, file), 'utf8')).map(
      document => {
        expect(document.errors).toEqual([]);
        return document.toJS() as Entity;
      },
    ),
  );
}

/**
 * The entities as the catalog serves them: the relations its built-in
 * processor emits, and none of the spec fields they come from (except the
 * owner of APIs, which the status reads as written).
 */
function asCatalogWouldServe(entities: Entity[]): Entity[] {
  const relations = new Map<string, EntityRelation[]>();
  const emit = (source: string, type: string, targetRef: string) => {
    relations.set(source, [
      ...(relations.get(source) ?? []),
      { type, targetRef },
    ]);
  };
  const emitBoth = (
    entity: Entity,
    refs: unknown,
    defaultKind: string,
    outgoing: string,
    incoming: string,
  ) => {
    const self = stringifyEntityRef(entity);
    for (const ref of [refs].flat().filter(r => typeof r === 'string')) {
      const target = stringifyEntityRef(
        parseEntityRef(ref as string, {
          defaultKind,
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      );
      emit(self, outgoing, target);
      emit(target, incoming, self);
    }
  };
  for (const entity of entities) {
    const spec = entity.spec ?? {};
    switch (entity.kind) {
      case 'Group':
        emitBoth(entity, spec.parent, 'group', 'childOf', 'parentOf');
        emitBoth(entity, spec.children, 'group', 'parentOf', 'childOf');
        emitBoth(entity, spec.members, 'user', 'hasMember', 'memberOf');
        break;
      case 'User':
        emitBoth(entity, spec.memberOf, 'group', 'memberOf', 'hasMember');
        break;
      case 'Component':
        emitBoth(entity, spec.owner, 'group', 'ownedBy', 'ownerOf');
        emitBoth(
          entity,
          spec.providesApis,
          'api',
          'providesApi',
          'apiProvidedBy',
        );
        break;
      case 'API':
        emitBoth(entity, spec.owner, 'group', 'ownedBy', 'ownerOf');
        break;
      default:
    }
  }
  return entities.map(entity => {
    const {
      parent,
      children,
      members,
      memberOf,
      providesApis,
      owner,
      ...rest
    } = entity.spec ?? {};
    return {
      ...entity,
      spec: entity.kind === 'API' ? { ...rest, owner } : rest,
      relations: relations.get(stringifyEntityRef(entity)) ?? [],
    };
  });
}

/** The refs of the APIs the README lists as clean. */
function readCleanApis(): string[] {
  const readme = fs.readFileSync(path.join(examples, 'README.md'), 'utf8');
  const section = readme.split('### Clean APIs')[1].split('\n## ')[0];
  const paragraph = section.split('\n\n').find(p => p.includes('`api:'))!;
  return [...paragraph.matchAll(/`(api:[^`]+)`/g)].map(match => match[1]);
}

/** The planted ownership gaps of the README: API ref → gap type. */
function readPlantedGaps(): Map<string, string> {
  const readme = fs.readFileSync(path.join(examples, 'README.md'), 'utf8');
  const section = readme.split('### Ownership gaps')[1].split('\n### ')[0];
  return new Map(
    [
      ...section.matchAll(
        /^\|\s*\w+\s*\|\s*`(owner-[a-z-]+)`\s*\|\s*`(api:[^`]+)`/gm,
      ),
    ].map(match => [match[2], match[1]]),
  );
}

describe('the example catalog', () => {
  const raw = loadEntities();
  const planted = new Map([
    ['api:default/fx-rates-api', 'owner-unresolved'],
    ['api:default/marketing-consents-api', 'owner-missing'],
    ['api:default/atm-cash-forecast-api', 'owner-missing'],
    ['api:default/savings-goals-api', 'owner-not-group'],
    ['api:default/branch-locator-api', 'owner-group-empty'],
    ['api:default/mainframe-gateway-api', 'owner-orphaned'],
    ['api:default/payment-limits-api', 'owner-mismatch'],
  ]);
  const clean = readCleanApis();

  it('matches the ground truth of its README', () => {
    expect(readPlantedGaps()).toEqual(planted);
    expect(clean).toHaveLength(21);
  });

  describe.each([
    ['as raw YAML', raw],
    ['as the catalog serves it', asCatalogWouldServe(raw)],
  ])('%s', (_, entities) => {
    const index = OwnershipIndex.fromEntities(entities);
    const apis = entities.filter(entity => entity.kind === 'API');
    const gapsByApi = new Map(
      apis.map(entity => [
        stringifyEntityRef(entity),
        evaluateOwnership(entity, index).gaps.map(gap => gap.type),
      ]),
    );

    it('has all 48 APIs', () => {
      expect(gapsByApi.size).toBe(48);
    });

    it.each([...planted])('%s has exactly %s', (ref, type) => {
      expect(gapsByApi.get(ref)).toEqual([type]);
    });

    it.each(clean)('%s has no ownership gap', ref => {
      expect(gapsByApi.get(ref)).toEqual([]);
    });

    it('has no ownership gap on any API but the planted ones', () => {
      const unexpected = [...gapsByApi].filter(
        ([ref, gaps]) => gaps.length > 0 && !planted.has(ref),
      );
      expect(unexpected).toEqual([]);
    });

    it.each([
      ['group:default/branch-network-team', 0],
      ['group:default/legacy-integration-team', 2],
      ['group:default/accounts-team', 2],
      ['group:default/payments-division', 4],
      ['group:default/risk-and-compliance', 2],
      ['group:default/retail-banking', 7],
      ['group:default/kestrel-bank', 24],
    ])('counts the members of %s: %d', (ref, count) => {
      expect(index.getMemberCount(ref)).toBe(count);
    });

    it('describes the owners of the planted APIs', () => {
      const describe = (name: string) =>
        evaluateOwnership(
          apis.find(entity => entity.metadata.name === name)!,
          index,
        );
      expect(describe('fx-rates-api')).toMatchObject({
        ref: 'group:default/treasury-ops',
        resolved: false,
      });
      expect(describe('marketing-consents-api')).toMatchObject({
        declared: 'tbd',
        resolved: false,
      });
      expect(describe('savings-goals-api')).toMatchObject({
        ref: 'user:default/maya.okafor',
        kind: 'user',
        title: 'Maya Okafor',
      });
      expect(describe('mainframe-gateway-api')).toMatchObject({
        ref: 'group:default/legacy-integration-team',
        kind: 'group',
        memberCount: 2,
        title: 'Legacy Integration Team',
      });
    });
  });
});
