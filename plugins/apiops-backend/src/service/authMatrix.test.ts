import {
  BackstageCredentials,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  CatalogServiceRequestOptions,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { apiopsPlugin } from '../plugin';

/**
 * The expected status of every REST route and MCP action (invoked through the
 * actions registry's HTTP route, as the mcp-actions backend does) for each
 * caller, each apiops permission denied in turn (`-`: all allowed) and the
 * entities of the answer readable or hidden in the catalog.
 *
 * - "none": no credentials (the same whether the entities are hidden or not).
 * The dismissal rows run in order: the PUT rows dismiss the cluster, the GET
 * rows read the dismissal, the DELETE rows undo it.
 *
 * - "user": `user:default/ada`; the policy answers `catalog.entity.read`
 *   conditionally (the catalog applies it), and with "hidden" the catalog
 *   does not let her read cards-api, typo-api nor group payments.
 * - "service": service-to-service credentials. The permission framework never
 *   answers them conditionally: they read the whole catalog, so "hidden"
 *   changes nothing; a denied permission is a token restricted to others.
 *
 * MCP list actions carry `apiops.report.read` as their visibility permission:
 * the actions registry answers 404 ("not found") to a caller denied it.
 */
const MATRIX = `
route                                            | denied                | none | user | user, hidden | service | service, hidden
GET /health                                      | -                     | 200  | 200  | 200          | 200     | 200
GET /health                                      | report.read           | 200  | 200  | 200          | 200     | 200
GET /health                                      | assessment.create     | 200  | 200  | 200          | 200     | 200
GET /health                                      | snapshot.create       | 200  | 200  | 200          | 200     | 200
GET /health                                      | fragmentation.dismiss | 200  | 200  | 200          | 200     | 200
GET /health                                      | snapshot.refresh      | 200  | 200  | 200          | 200     | 200
GET /rules                                       | -                     | 401  | 200  | 200          | 200     | 200
GET /rules                                       | report.read           | 401  | 200  | 200          | 200     | 200
GET /rules                                       | assessment.create     | 401  | 200  | 200          | 200     | 200
GET /rules                                       | snapshot.create       | 401  | 200  | 200          | 200     | 200
GET /rules                                       | fragmentation.dismiss | 401  | 200  | 200          | 200     | 200
GET /rules                                       | snapshot.refresh      | 401  | 200  | 200          | 200     | 200
GET /method                                      | -                     | 401  | 200  | 200          | 200     | 200
GET /method                                      | report.read           | 401  | 200  | 200          | 200     | 200
GET /method                                      | assessment.create     | 401  | 200  | 200          | 200     | 200
GET /method                                      | snapshot.create       | 401  | 200  | 200          | 200     | 200
GET /method                                      | fragmentation.dismiss | 401  | 200  | 200          | 200     | 200
GET /method                                      | snapshot.refresh      | 401  | 200  | 200          | 200     | 200
GET /entities/api/default/cards-api/status       | -                     | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/status       | report.read           | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/status       | assessment.create     | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/status       | snapshot.create       | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/status       | fragmentation.dismiss | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/status       | snapshot.refresh      | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/card-hub-api/status    | -                     | 401  | 200  | 200          | 200     | 200
GET /entities/api/default/card-hub-api/status    | report.read           | 401  | 200  | 200          | 200     | 200
GET /entities/api/default/card-hub-api/status    | assessment.create     | 401  | 200  | 200          | 200     | 200
GET /entities/api/default/card-hub-api/status    | snapshot.create       | 401  | 200  | 200          | 200     | 200
GET /entities/api/default/card-hub-api/status    | fragmentation.dismiss | 401  | 200  | 200          | 200     | 200
GET /entities/api/default/card-hub-api/status    | snapshot.refresh      | 401  | 200  | 200          | 200     | 200
GET /entities/api/default/cards-api/assessments  | -                     | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/assessments  | report.read           | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/assessments  | assessment.create     | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/assessments  | snapshot.create       | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/assessments  | fragmentation.dismiss | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/assessments  | snapshot.refresh      | 401  | 200  | 404          | 200     | 200
POST /entities/api/default/cards-api/assessments | -                     | 401  | 201  | 404          | 201     | 201
POST /entities/api/default/cards-api/assessments | report.read           | 401  | 201  | 404          | 201     | 201
POST /entities/api/default/cards-api/assessments | assessment.create     | 401  | 403  | 404          | 403     | 403
POST /entities/api/default/cards-api/assessments | snapshot.create       | 401  | 201  | 404          | 201     | 201
POST /entities/api/default/cards-api/assessments | fragmentation.dismiss | 401  | 201  | 404          | 201     | 201
POST /entities/api/default/cards-api/assessments | snapshot.refresh      | 401  | 201  | 404          | 201     | 201
POST /entities/api/default/cards-api/evidence/checklist | -                     | 401  | 200  | 404          | 200     | 200
POST /entities/api/default/cards-api/evidence/checklist | report.read           | 401  | 200  | 404          | 200     | 200
POST /entities/api/default/cards-api/evidence/checklist | assessment.create     | 401  | 403  | 404          | 403     | 403
POST /entities/api/default/cards-api/evidence/checklist | snapshot.create       | 401  | 200  | 404          | 200     | 200
POST /entities/api/default/cards-api/evidence/checklist | fragmentation.dismiss | 401  | 200  | 404          | 200     | 200
POST /entities/api/default/cards-api/evidence/checklist | snapshot.refresh      | 401  | 200  | 404          | 200     | 200
POST /entities/api/default/cards-api/refresh     | -                     | 401  | 200  | 404          | 200     | 200
POST /entities/api/default/cards-api/refresh     | report.read           | 401  | 200  | 404          | 200     | 200
POST /entities/api/default/cards-api/refresh     | assessment.create     | 401  | 200  | 404          | 200     | 200
POST /entities/api/default/cards-api/refresh     | snapshot.create       | 401  | 200  | 404          | 200     | 200
POST /entities/api/default/cards-api/refresh     | fragmentation.dismiss | 401  | 200  | 404          | 200     | 200
POST /entities/api/default/cards-api/refresh     | snapshot.refresh      | 401  | 403  | 404          | 403     | 403
GET /reports/summary                             | -                     | 401  | 200  | 200          | 200     | 200
GET /reports/summary                             | report.read           | 401  | 403  | 403          | 403     | 403
GET /reports/summary                             | assessment.create     | 401  | 200  | 200          | 200     | 200
GET /reports/summary                             | snapshot.create       | 401  | 200  | 200          | 200     | 200
GET /reports/summary                             | fragmentation.dismiss | 401  | 200  | 200          | 200     | 200
GET /reports/summary                             | snapshot.refresh      | 401  | 200  | 200          | 200     | 200
GET /reports/labels                              | -                     | 401  | 200  | 200          | 200     | 200
GET /reports/labels                              | report.read           | 401  | 403  | 403          | 403     | 403
GET /reports/labels                              | assessment.create     | 401  | 200  | 200          | 200     | 200
GET /reports/labels                              | snapshot.create       | 401  | 200  | 200          | 200     | 200
GET /reports/labels                              | fragmentation.dismiss | 401  | 200  | 200          | 200     | 200
GET /reports/apis                                | -                     | 401  | 200  | 200          | 200     | 200
GET /reports/apis                                | report.read           | 401  | 403  | 403          | 403     | 403
GET /reports/apis                                | assessment.create     | 401  | 200  | 200          | 200     | 200
GET /reports/apis                                | snapshot.create       | 401  | 200  | 200          | 200     | 200
GET /reports/apis                                | fragmentation.dismiss | 401  | 200  | 200          | 200     | 200
GET /reports/apis?format=csv                     | -                     | 401  | 200  | 200          | 200     | 200
GET /reports/apis?format=csv                     | report.read           | 401  | 403  | 403          | 403     | 403
GET /reports/apis?format=csv                     | assessment.create     | 401  | 200  | 200          | 200     | 200
GET /reports/apis?format=csv                     | snapshot.create       | 401  | 200  | 200          | 200     | 200
GET /reports/apis?format=csv                     | fragmentation.dismiss | 401  | 200  | 200          | 200     | 200
GET /reports/apis                                | snapshot.refresh      | 401  | 200  | 200          | 200     | 200
GET /reports/apis?format=csv                     | snapshot.refresh      | 401  | 200  | 200          | 200     | 200
GET /reports/labels                              | snapshot.refresh      | 401  | 200  | 200          | 200     | 200
GET /reports/ownership                           | -                     | 401  | 200  | 200          | 200     | 200
GET /reports/ownership                           | report.read           | 401  | 403  | 403          | 403     | 403
GET /reports/ownership                           | assessment.create     | 401  | 200  | 200          | 200     | 200
GET /reports/ownership                           | snapshot.create       | 401  | 200  | 200          | 200     | 200
GET /reports/ownership                           | fragmentation.dismiss | 401  | 200  | 200          | 200     | 200
GET /reports/ownership                           | snapshot.refresh      | 401  | 200  | 200          | 200     | 200
GET /reports/ownership?format=csv                | -                     | 401  | 200  | 200          | 200     | 200
GET /reports/ownership?format=csv                | report.read           | 401  | 403  | 403          | 403     | 403
GET /reports/ownership?format=csv                | assessment.create     | 401  | 200  | 200          | 200     | 200
GET /reports/ownership?format=csv                | snapshot.create       | 401  | 200  | 200          | 200     | 200
GET /reports/ownership?format=csv                | fragmentation.dismiss | 401  | 200  | 200          | 200     | 200
GET /reports/ownership?format=csv                | snapshot.refresh      | 401  | 200  | 200          | 200     | 200
GET /reports/fragmentation                       | -                     | 401  | 200  | 200          | 200     | 200
GET /reports/fragmentation                       | report.read           | 401  | 403  | 403          | 403     | 403
GET /reports/fragmentation                       | assessment.create     | 401  | 200  | 200          | 200     | 200
GET /reports/fragmentation                       | snapshot.create       | 401  | 200  | 200          | 200     | 200
GET /reports/fragmentation                       | fragmentation.dismiss | 401  | 200  | 200          | 200     | 200
GET /reports/fragmentation                       | snapshot.refresh      | 401  | 200  | 200          | 200     | 200
GET /reports/fragmentation?format=csv            | -                     | 401  | 200  | 200          | 200     | 200
GET /reports/fragmentation?format=csv            | report.read           | 401  | 403  | 403          | 403     | 403
GET /reports/fragmentation?format=csv            | assessment.create     | 401  | 200  | 200          | 200     | 200
GET /reports/fragmentation?format=csv            | snapshot.create       | 401  | 200  | 200          | 200     | 200
GET /reports/fragmentation?format=csv            | fragmentation.dismiss | 401  | 200  | 200          | 200     | 200
GET /reports/fragmentation?format=csv            | snapshot.refresh      | 401  | 200  | 200          | 200     | 200
GET /reports/fragmentation/clusters/{cluster}/members | -                     | 401  | 200  | 404          | 200     | 200
GET /reports/fragmentation/clusters/{cluster}/members | report.read           | 401  | 403  | 403          | 403     | 403
GET /reports/fragmentation/clusters/{cluster}/members | assessment.create     | 401  | 200  | 404          | 200     | 200
GET /reports/fragmentation/clusters/{cluster}/members | snapshot.create       | 401  | 200  | 404          | 200     | 200
GET /reports/fragmentation/clusters/{cluster}/members | fragmentation.dismiss | 401  | 200  | 404          | 200     | 200
GET /reports/fragmentation/clusters/{cluster}/members | snapshot.refresh      | 401  | 200  | 404          | 200     | 200
PUT /reports/fragmentation/clusters/{cluster}/dismissal | -                     | 401  | 200  | 404          | 200     | 200
PUT /reports/fragmentation/clusters/{cluster}/dismissal | report.read           | 401  | 200  | 404          | 200     | 200
PUT /reports/fragmentation/clusters/{cluster}/dismissal | assessment.create     | 401  | 200  | 404          | 200     | 200
PUT /reports/fragmentation/clusters/{cluster}/dismissal | snapshot.create       | 401  | 200  | 404          | 200     | 200
PUT /reports/fragmentation/clusters/{cluster}/dismissal | fragmentation.dismiss | 401  | 403  | 403          | 403     | 403
PUT /reports/fragmentation/clusters/{cluster}/dismissal | snapshot.refresh      | 401  | 200  | 404          | 200     | 200
GET /reports/fragmentation/clusters/{cluster}/dismissal | -                     | 401  | 200  | 404          | 200     | 200
GET /reports/fragmentation/clusters/{cluster}/dismissal | report.read           | 401  | 403  | 403          | 403     | 403
GET /reports/fragmentation/clusters/{cluster}/dismissal | assessment.create     | 401  | 200  | 404          | 200     | 200
GET /reports/fragmentation/clusters/{cluster}/dismissal | snapshot.create       | 401  | 200  | 404          | 200     | 200
GET /reports/fragmentation/clusters/{cluster}/dismissal | fragmentation.dismiss | 401  | 200  | 404          | 200     | 200
GET /reports/fragmentation/clusters/{cluster}/dismissal | snapshot.refresh      | 401  | 200  | 404          | 200     | 200
DELETE /reports/fragmentation/clusters/{cluster}/dismissal | -                     | 401  | 204  | 404          | 204     | 204
DELETE /reports/fragmentation/clusters/{cluster}/dismissal | report.read           | 401  | 204  | 404          | 204     | 204
DELETE /reports/fragmentation/clusters/{cluster}/dismissal | assessment.create     | 401  | 204  | 404          | 204     | 204
DELETE /reports/fragmentation/clusters/{cluster}/dismissal | snapshot.create       | 401  | 204  | 404          | 204     | 204
DELETE /reports/fragmentation/clusters/{cluster}/dismissal | fragmentation.dismiss | 401  | 403  | 403          | 403     | 403
DELETE /reports/fragmentation/clusters/{cluster}/dismissal | snapshot.refresh      | 401  | 204  | 404          | 204     | 204
GET /reports/teams                               | -                     | 401  | 200  | 200          | 200     | 200
GET /reports/teams                               | report.read           | 401  | 403  | 403          | 403     | 403
GET /reports/teams                               | assessment.create     | 401  | 200  | 200          | 200     | 200
GET /reports/teams                               | snapshot.create       | 401  | 200  | 200          | 200     | 200
GET /reports/teams                               | fragmentation.dismiss | 401  | 200  | 200          | 200     | 200
GET /reports/teams                               | snapshot.refresh      | 401  | 200  | 200          | 200     | 200
GET /reports/teams/default/payments/apis         | -                     | 401  | 200  | 404          | 200     | 200
GET /reports/teams/default/payments/apis         | report.read           | 401  | 403  | 403          | 403     | 403
GET /reports/teams/default/payments/apis         | assessment.create     | 401  | 200  | 404          | 200     | 200
GET /reports/teams/default/payments/apis         | snapshot.create       | 401  | 200  | 404          | 200     | 200
GET /reports/teams/default/payments/apis         | fragmentation.dismiss | 401  | 200  | 404          | 200     | 200
GET /reports/teams/default/payments/apis         | snapshot.refresh      | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/evidence     | -                     | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/evidence     | snapshot.refresh      | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/evidence     | report.read           | 401  | 403  | 403          | 403     | 403
GET /entities/api/default/cards-api/evidence     | assessment.create     | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/evidence     | snapshot.create       | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/evidence     | fragmentation.dismiss | 401  | 200  | 404          | 200     | 200
GET /reports/lint?provider=audit                 | -                     | 401  | 200  | 200          | 200     | 200
GET /reports/lint?provider=audit                 | snapshot.refresh      | 401  | 200  | 200          | 200     | 200
GET /reports/lint?provider=audit                 | report.read           | 401  | 403  | 403          | 403     | 403
GET /reports/lint?provider=audit                 | assessment.create     | 401  | 200  | 200          | 200     | 200
GET /reports/lint?provider=audit                 | snapshot.create       | 401  | 200  | 200          | 200     | 200
GET /reports/lint?provider=audit                 | fragmentation.dismiss | 401  | 200  | 200          | 200     | 200
GET /reports/lint?provider=audit&format=csv      | -                     | 401  | 200  | 200          | 200     | 200
GET /reports/lint?provider=audit&format=csv      | snapshot.refresh      | 401  | 200  | 200          | 200     | 200
GET /reports/lint?provider=audit&format=csv      | report.read           | 401  | 403  | 403          | 403     | 403
GET /reports/lint?provider=audit&format=csv      | assessment.create     | 401  | 200  | 200          | 200     | 200
GET /reports/lint?provider=audit&format=csv      | snapshot.create       | 401  | 200  | 200          | 200     | 200
GET /reports/lint?provider=audit&format=csv      | fragmentation.dismiss | 401  | 200  | 200          | 200     | 200
GET /reports/lint/teams?provider=audit           | -                     | 401  | 200  | 200          | 200     | 200
GET /reports/lint/teams?provider=audit           | snapshot.refresh      | 401  | 200  | 200          | 200     | 200
GET /reports/lint/teams?provider=audit           | report.read           | 401  | 403  | 403          | 403     | 403
GET /reports/lint/teams?provider=audit           | assessment.create     | 401  | 200  | 200          | 200     | 200
GET /reports/lint/teams?provider=audit           | snapshot.create       | 401  | 200  | 200          | 200     | 200
GET /reports/lint/teams?provider=audit           | fragmentation.dismiss | 401  | 200  | 200          | 200     | 200
GET /entities/api/default/cards-api/changes      | -                     | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/changes      | snapshot.refresh      | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/changes      | report.read           | 401  | 403  | 403          | 403     | 403
GET /entities/api/default/cards-api/changes      | assessment.create     | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/changes      | snapshot.create       | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/changes      | fragmentation.dismiss | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/versions     | -                     | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/versions     | snapshot.refresh      | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/versions     | report.read           | 401  | 403  | 403          | 403     | 403
GET /entities/api/default/cards-api/versions     | assessment.create     | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/versions     | snapshot.create       | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/versions     | fragmentation.dismiss | 401  | 200  | 404          | 200     | 200
GET /reports/changes                             | -                     | 401  | 200  | 200          | 200     | 200
GET /reports/changes                             | snapshot.refresh      | 401  | 200  | 200          | 200     | 200
GET /reports/changes                             | report.read           | 401  | 403  | 403          | 403     | 403
GET /reports/changes                             | assessment.create     | 401  | 200  | 200          | 200     | 200
GET /reports/changes                             | snapshot.create       | 401  | 200  | 200          | 200     | 200
GET /reports/changes                             | fragmentation.dismiss | 401  | 200  | 200          | 200     | 200
GET /reports/changes?format=csv                  | -                     | 401  | 200  | 200          | 200     | 200
GET /reports/changes?format=csv                  | snapshot.refresh      | 401  | 200  | 200          | 200     | 200
GET /reports/changes?format=csv                  | report.read           | 401  | 403  | 403          | 403     | 403
GET /reports/changes?format=csv                  | assessment.create     | 401  | 200  | 200          | 200     | 200
GET /reports/changes?format=csv                  | snapshot.create       | 401  | 200  | 200          | 200     | 200
GET /reports/changes?format=csv                  | fragmentation.dismiss | 401  | 200  | 200          | 200     | 200
POST /snapshots                                  | -                     | 401  | 202  | 202          | 202     | 202
POST /snapshots                                  | report.read           | 401  | 202  | 202          | 202     | 202
POST /snapshots                                  | assessment.create     | 401  | 202  | 202          | 202     | 202
POST /snapshots                                  | snapshot.create       | 401  | 403  | 403          | 403     | 403
POST /snapshots                                  | fragmentation.dismiss | 401  | 202  | 202          | 202     | 202
POST /snapshots                                  | snapshot.refresh      | 401  | 202  | 202          | 202     | 202
MCP apiops.get-api-status                        | -                     | 401  | 200  | 404          | 200     | 200
MCP apiops.get-api-status                        | report.read           | 401  | 200  | 404          | 200     | 200
MCP apiops.get-api-status                        | assessment.create     | 401  | 200  | 404          | 200     | 200
MCP apiops.get-api-status                        | snapshot.create       | 401  | 200  | 404          | 200     | 200
MCP apiops.get-api-status                        | fragmentation.dismiss | 401  | 200  | 404          | 200     | 200
MCP apiops.get-api-status                        | snapshot.refresh      | 401  | 200  | 404          | 200     | 200
MCP apiops.list-ownership-gaps                   | -                     | 401  | 200  | 200          | 200     | 200
MCP apiops.list-ownership-gaps                   | report.read           | 401  | 404  | 404          | 404     | 404
MCP apiops.list-ownership-gaps                   | assessment.create     | 401  | 200  | 200          | 200     | 200
MCP apiops.list-ownership-gaps                   | snapshot.create       | 401  | 200  | 200          | 200     | 200
MCP apiops.list-ownership-gaps                   | fragmentation.dismiss | 401  | 200  | 200          | 200     | 200
MCP apiops.list-ownership-gaps                   | snapshot.refresh      | 401  | 200  | 200          | 200     | 200
MCP apiops.list-fragmentation-clusters           | -                     | 401  | 200  | 200          | 200     | 200
MCP apiops.list-fragmentation-clusters           | report.read           | 401  | 404  | 404          | 404     | 404
MCP apiops.list-fragmentation-clusters           | assessment.create     | 401  | 200  | 200          | 200     | 200
MCP apiops.list-fragmentation-clusters           | snapshot.create       | 401  | 200  | 200          | 200     | 200
MCP apiops.list-fragmentation-clusters           | fragmentation.dismiss | 401  | 200  | 200          | 200     | 200
MCP apiops.list-fragmentation-clusters           | snapshot.refresh      | 401  | 200  | 200          | 200     | 200
MCP apiops.list-fragmentation-cluster-members    | -                     | 401  | 200  | 404          | 200     | 200
MCP apiops.list-fragmentation-cluster-members    | report.read           | 401  | 404  | 404          | 404     | 404
MCP apiops.list-fragmentation-cluster-members    | assessment.create     | 401  | 200  | 404          | 200     | 200
MCP apiops.list-fragmentation-cluster-members    | snapshot.create       | 401  | 200  | 404          | 200     | 200
MCP apiops.list-fragmentation-cluster-members    | fragmentation.dismiss | 401  | 200  | 404          | 200     | 200
MCP apiops.list-fragmentation-cluster-members    | snapshot.refresh      | 401  | 200  | 404          | 200     | 200
MCP apiops.list-team-apis                        | -                     | 401  | 200  | 404          | 200     | 200
MCP apiops.list-team-apis                        | report.read           | 401  | 404  | 404          | 404     | 404
MCP apiops.list-team-apis                        | assessment.create     | 401  | 200  | 404          | 200     | 200
MCP apiops.list-team-apis                        | snapshot.create       | 401  | 200  | 404          | 200     | 200
MCP apiops.list-team-apis                        | fragmentation.dismiss | 401  | 200  | 404          | 200     | 200
MCP apiops.list-team-apis                        | snapshot.refresh      | 401  | 200  | 404          | 200     | 200
MCP apiops.get-api-lint                          | -                     | 401  | 200  | 404          | 200     | 200
MCP apiops.get-api-lint                          | snapshot.refresh      | 401  | 200  | 404          | 200     | 200
MCP apiops.get-api-lint                          | report.read           | 401  | 403  | 403          | 403     | 403
MCP apiops.get-api-lint                          | assessment.create     | 401  | 200  | 404          | 200     | 200
MCP apiops.get-api-lint                          | snapshot.create       | 401  | 200  | 404          | 200     | 200
MCP apiops.get-api-lint                          | fragmentation.dismiss | 401  | 200  | 404          | 200     | 200
MCP apiops.list-lint-results                     | -                     | 401  | 200  | 200          | 200     | 200
MCP apiops.list-lint-results                     | snapshot.refresh      | 401  | 200  | 200          | 200     | 200
MCP apiops.list-lint-results                     | report.read           | 401  | 404  | 404          | 404     | 404
MCP apiops.list-lint-results                     | assessment.create     | 401  | 200  | 200          | 200     | 200
MCP apiops.list-lint-results                     | snapshot.create       | 401  | 200  | 200          | 200     | 200
MCP apiops.list-lint-results                     | fragmentation.dismiss | 401  | 200  | 200          | 200     | 200
MCP apiops.list-api-changes                      | -                     | 401  | 200  | 200          | 200     | 200
MCP apiops.list-api-changes                      | snapshot.refresh      | 401  | 200  | 200          | 200     | 200
MCP apiops.list-api-changes                      | report.read           | 401  | 404  | 404          | 404     | 404
MCP apiops.list-api-changes                      | assessment.create     | 401  | 200  | 200          | 200     | 200
MCP apiops.list-api-changes                      | snapshot.create       | 401  | 200  | 200          | 200     | 200
MCP apiops.list-api-changes                      | fragmentation.dismiss | 401  | 200  | 200          | 200     | 200
`;

const PERMISSIONS: Record<string, string> = {
  'report.read': 'apiops.report.read',
  'assessment.create': 'apiops.assessment.create',
  'snapshot.create': 'apiops.snapshot.create',
  'fragmentation.dismiss': 'apiops.fragmentation.dismiss',
  'snapshot.refresh': 'apiops.snapshot.refresh',
};

/** Entities the user may not read in the "hidden" cells. */
const HIDDEN = new Set([
  'api:default/cards-api',
  'api:default/typo-api',
  'group:default/payments',
]);

/** What a readable answer of the route shows (so that hiding it is seen). */
const SHOWS: Record<string, string> = {
  'GET /entities/api/default/cards-api/status': 'api:default/cards-api',
  // The duplicate cluster of card-hub-api names cards-api.
  'GET /entities/api/default/card-hub-api/status': 'api:default/cards-api',
  'GET /reports/apis': 'api:default/cards-api',
  'GET /reports/apis?format=csv': 'api:default/cards-api',
  'POST /entities/api/default/cards-api/refresh': 'api:default/cards-api',
  'GET /reports/ownership': 'api:default/typo-api',
  'GET /reports/ownership?format=csv': 'api:default/typo-api',
  'GET /reports/fragmentation': 'api:default/cards-api',
  'GET /reports/fragmentation?format=csv': 'api:default/cards-api',
  'GET /reports/teams': '"groupRef":"group:default/payments"',
  'GET /reports/teams/default/payments/apis': 'api:default/cards-api',
  'MCP apiops.get-api-status': 'api:default/cards-api',
  'MCP apiops.list-ownership-gaps': 'api:default/typo-api',
  'MCP apiops.list-fragmentation-clusters': 'api:default/cards-api',
  'MCP apiops.list-team-apis': 'api:default/cards-api',
  'GET /reports/fragmentation/clusters/{cluster}/members':
    'api:default/cards-api',
  'MCP apiops.list-fragmentation-cluster-members': 'api:default/cards-api',
  'GET /entities/api/default/cards-api/evidence': 'api:default/cards-api',
  'POST /entities/api/default/cards-api/evidence/checklist':
    '"criterionId":"api-consistency"',
  'GET /reports/lint?provider=audit': 'api:default/cards-api',
  'GET /reports/lint?provider=audit&format=csv': 'api:default/cards-api',
  'GET /reports/lint/teams?provider=audit':
    '"groupRef":"group:default/payments"',
  'MCP apiops.get-api-lint': 'api:default/cards-api',
  'MCP apiops.list-lint-results': 'api:default/cards-api',
  'GET /entities/api/default/cards-api/changes': '"deprecations"',
  'GET /entities/api/default/cards-api/versions': 'api:default/cards-api',
};

/** A real audit report of the method's CLI, for the checklist import. */
const CHECKLIST_REPORT: object = JSON.parse(
  readFileSync(
    require.resolve(
      '@apiops-backstage/plugin-apiops-common/src/evidence/audit/__fixtures__/design-audit.full-crud.json',
    ),
    'utf8',
  ),
);

/** What no answer to the user may show when the entities are hidden. */
const NEVER_SHOWN = [
  'api:default/cards-api',
  'api:default/typo-api',
  '"groupRef":"group:default/payments"',
];

const ACTION_INPUT: Record<string, object> = {
  'get-api-status': { entityRef: 'cards-api' },
  'list-ownership-gaps': {},
  'list-fragmentation-clusters': {},
  'list-team-apis': { team: 'payments' },
  'get-api-lint': { entityRef: 'cards-api' },
  'list-lint-results': { provider: 'audit' },
  'list-api-changes': { class: 'breaking' },
  // The id of the duplicate cluster of cards-api and card-hub-api, once known.
  'list-fragmentation-cluster-members': { clusterId: '{cluster}' },
};

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', title: `Team ${name}` },
  spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
});

const api = (name: string, owner: string, definition?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'openapi',
    lifecycle: 'production',
    owner,
    system: 'payments-hub',
    definition:
      definition ??
      'openapi: 3.0.3\ninfo: {title: x, version: "1"}\npaths: {}\n',
  },
});

const rest = (base: string) =>
  [
    'openapi: 3.0.3',
    'info: {title: x, version: "1"}',
    // A host per API: copies at another host name stay duplicates (one
    // owner's deployments at base paths of one host are a family).
    `servers: [{url: 'https://${base.split('/')[0]}.example.com/${base}'}]`,
    'paths:',
    ...['/cards', '/cards/{id}', '/cards/{id}/limits', '/cards/{id}/pin'].map(
      path => `  ${path}: {get: {responses: {'200': {description: ok}}}}`,
    ),
  ].join('\n');

const entities: Entity[] = [
  group('bank'),
  group('payments', 'bank'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'ada', namespace: 'default' },
    spec: { memberOf: ['payments'] },
  },
  api('payments-api', 'payments'),
  api('typo-api', 'paymnets'),
  api('cards-api', 'payments', rest('cards/v1')),
  api('card-hub-api', 'payments', rest('hub/v2')),
];

interface Cell {
  route: string;
  denied: string;
  caller: 'none' | 'user' | 'service';
  hidden: boolean;
  status: number;
}

function cells(): Cell[] {
  const [header, ...rows] = MATRIX.trim()
    .split('\n')
    .map(line => line.split('|').map(cell => cell.trim()));
  expect(header).toEqual([
    'route',
    'denied',
    'none',
    'user',
    'user, hidden',
    'service',
    'service, hidden',
  ]);
  return rows.flatMap(([route, denied, ...statuses]) => {
    const [none, user, userHidden, service, serviceHidden] =
      statuses.map(Number);
    return [
      { caller: 'none', hidden: false, status: none },
      { caller: 'none', hidden: true, status: none },
      { caller: 'user', hidden: false, status: user },
      { caller: 'user', hidden: true, status: userHidden },
      { caller: 'service', hidden: false, status: service },
      { caller: 'service', hidden: true, status: serviceHidden },
    ].map(cell => ({ route, denied, ...cell } as Cell));
  });
}

const HEADERS = {
  none: mockCredentials.none.header(),
  user: mockCredentials.user.header('user:default/ada'),
  service: mockCredentials.service.header(),
};

// A backend is started once; a snapshot and many requests follow.
jest.setTimeout(240_000);

describe('auth matrix', () => {
  it('answers every route and MCP action with the expected status in each cell', async () => {
    /** The state of the cell being tried. */
    const state = { denied: undefined as string | undefined, hidden: false };

    const isUser = (credentials?: BackstageCredentials) =>
      credentials?.principal !== null &&
      typeof credentials?.principal === 'object' &&
      (credentials.principal as { type?: string }).type === 'user';
    const hiddenFrom = (credentials?: BackstageCredentials) => (ref: string) =>
      state.hidden && isUser(credentials) && HIDDEN.has(ref);

    // The catalog honours the hidden entities for the user; the plugin's own
    // (service) credentials, used by the snapshot, read everything.
    const base = catalogServiceMock({ entities });
    const catalog = new Proxy(base, {
      get(target, prop, receiver) {
        if (prop === 'getEntityByRef') {
          return async (ref: string, options?: CatalogServiceRequestOptions) =>
            hiddenFrom(options?.credentials)(String(ref))
              ? undefined
              : target.getEntityByRef(ref, options);
        }
        if (prop === 'getEntitiesByRefs') {
          return async (
            req: { entityRefs: string[]; fields?: string[] },
            options?: CatalogServiceRequestOptions,
          ) => {
            const hidden = hiddenFrom(options?.credentials);
            const { items } = await target.getEntitiesByRefs(req, options);
            return {
              items: items.map((item, i) =>
                hidden(req.entityRefs[i]) ? undefined : item,
              ),
            };
          };
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });

    const decide = (
      name: string,
      credentials: BackstageCredentials,
    ): PolicyDecision => {
      if (state.denied && PERMISSIONS[state.denied] === name) {
        return { result: AuthorizeResult.DENY };
      }
      if (name === catalogEntityReadPermission.name && isUser(credentials)) {
        return {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: { claims: ['group:default/payments'] },
          },
        };
      }
      return { result: AuthorizeResult.ALLOW };
    };
    const permissions = mockServices.permissions.mock({
      authorize: async (requests, { credentials }) =>
        requests.map(r => {
          const decision = decide(r.permission.name, credentials);
          // A conditional decision on a resource is for the catalog to apply.
          return decision.result === AuthorizeResult.CONDITIONAL
            ? { result: AuthorizeResult.ALLOW }
            : { result: decision.result };
        }),
      authorizeConditional: async (requests, { credentials }) =>
        requests.map(r => decide(r.permission.name, credentials)),
    });

    const { server } = await startTestBackend({
      features: [
        apiopsPlugin,
        permissions.factory,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalog,
        }),
        actionsRegistryServiceFactory,
      ],
    });

    /** The id of the cluster the members rows ask for, once known. */
    let clusterId = '';
    const send = (route: string, caller: Cell['caller']) => {
      const [method, template] = route.split(' ');
      const path = template.replace('{cluster}', clusterId);
      if (method === 'MCP') {
        const name = path.replace(/^apiops\./, '');
        const input = Object.fromEntries(
          Object.entries(ACTION_INPUT[name]).map(([key, value]) => [
            key,
            value === '{cluster}' ? clusterId : value,
          ]),
        );
        return request(server)
          .post(
            `/api/apiops/.backstage/actions/v1/actions/apiops:${name}/invoke`,
          )
          .set('authorization', HEADERS[caller])
          .send(input);
      }
      if (method === 'POST' && path.endsWith('/evidence/checklist')) {
        return request(server)
          .post(`/api/apiops${path}`)
          .set('authorization', HEADERS[caller])
          .send(CHECKLIST_REPORT);
      }
      if (method === 'POST' && path.endsWith('/assessments')) {
        return request(server)
          .post(`/api/apiops${path}`)
          .set('authorization', HEADERS[caller])
          .send({ answers: { 'market-research-done': 'met' } });
      }
      if (method === 'PUT') {
        return request(server)
          .put(`/api/apiops${path}`)
          .set('authorization', HEADERS[caller])
          .send({ verdict: 'not-a-duplicate', reason: 'Different products' });
      }
      if (method === 'DELETE') {
        return request(server)
          .delete(`/api/apiops${path}`)
          .set('authorization', HEADERS[caller]);
      }
      return request(server)
        [method === 'POST' ? 'post' : 'get'](`/api/apiops${path}`)
        .set('authorization', HEADERS[caller]);
    };

    const first = await send('POST /snapshots', 'user');
    expect(first.status).toBe(202);
    const fragmentation = await send('GET /reports/fragmentation', 'service');
    clusterId = fragmentation.body.items.find(
      (cluster: { members: Array<{ entityRef: string }> }) =>
        cluster.members.some(m => m.entityRef === 'api:default/cards-api'),
    )?.id;
    expect(clusterId).toBeTruthy();

    const all = cells();
    expect(all).toHaveLength(40 * 6 * 6);
    const wrong: string[] = [];
    for (const cell of all) {
      state.denied = cell.denied === '-' ? undefined : cell.denied;
      state.hidden = cell.hidden;
      const res = await send(cell.route, cell.caller);
      const where = `${cell.route} | denied ${cell.denied} | ${cell.caller}${
        cell.hidden ? ', hidden' : ''
      }`;
      if (res.status !== cell.status) {
        wrong.push(`${where}: ${res.status}, expected ${cell.status}`);
        continue;
      }
      if (res.status >= 300) continue;
      const body = res.text;
      if (cell.hidden && cell.caller === 'user') {
        for (const shown of NEVER_SHOWN) {
          if (body.includes(shown)) wrong.push(`${where}: shows ${shown}`);
        }
      } else if (
        SHOWS[cell.route] &&
        // Without apiops.report.read a status has no clusters.
        !(
          cell.route.endsWith('card-hub-api/status') &&
          cell.denied === 'report.read'
        ) &&
        !body.includes(SHOWS[cell.route])
      ) {
        wrong.push(`${where}: does not show ${SHOWS[cell.route]}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
