import { ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';

/** The static external access token every replica accepts. */
export const REPLICA_TOKEN = 'apiops-replica-test-token';

/** The launcher each replica runs (a TypeScript file, see below). */
const LAUNCHER = path.join(__dirname, 'replicaBackend.ts');

/** What a replica is started with. */
export interface ReplicaOptions {
  /** `example`, or a number of generated APIs (see `replicaBackend.ts`). */
  catalog?: string;
  /** `apiops.snapshot` of its app-config. */
  snapshot: Record<string, unknown>;
}

/** One line of a replica's JSON log. */
export interface ReplicaLogLine {
  level?: string;
  message?: string;
  [key: string]: unknown;
}

/**
 * A start-up failure of Backstage's own core services, not of the plugin: on
 * an empty database, backends starting at once race to create the knex tables
 * of a core service that keeps its tables in every plugin's database (the
 * auth key store's `backstage_backend_public_keys__knex_migrations_lock`).
 * knex checks for the table, then creates it; the slower backend fails (or
 * finds the other's migration lock taken: `MigrationLocked`). Known
 * upstream (backstage/charts#300); an orchestrator restarts the process, which
 * then finds the table. The plugin's own migrations take an advisory lock and
 * never fail this way (`database/migrateToLatest.ts`).
 */
const CORE_MIGRATION_RACE =
  /create table "backstage_backend_\w+" .* - (relation "backstage_backend_\w+" already exists|duplicate key value violates unique constraint "pg_type_typname_nsp_index")|service 'core\.\w+' for '\w+' because the factory function threw an error, MigrationLocked: Migration table is already locked/;

/** A backend process with the APIOps plugin, on the cluster's database. */
export class ReplicaProcess {
  readonly lines: ReplicaLogLine[] = [];
  /** Why it was restarted during start-up, if it was (see `ready`). */
  readonly restarts: string[] = [];
  private readonly raw: string[] = [];
  private child!: ChildProcess;
  private exitCode: number | null | undefined = undefined;
  private exited!: Promise<void>;
  private startedAt = Date.now();

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly spawnChild: () => ChildProcess,
  ) {
    this.attach(spawnChild());
  }

  private attach(child: ChildProcess) {
    this.child = child;
    this.exitCode = undefined;
    let pending = '';
    const onData = (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const part of parts) this.addLine(part);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    this.exited = new Promise(resolve => {
      child.on('exit', code => {
        this.exitCode = code;
        resolve();
      });
    });
  }

  /**
   * Starts the process again, as an orchestrator would after a failed start:
   * the log starts anew, the reason is kept in `restarts`.
   */
  private restart(reason: string) {
    this.restarts.push(reason);
    this.lines.length = 0;
    this.raw.length = 0;
    this.startedAt = Date.now();
    this.attach(this.spawnChild());
  }

  private addLine(text: string) {
    if (text.trim() === '') return;
    this.raw.push(text);
    if (this.raw.length > 2000) this.raw.shift();
    try {
      this.lines.push(JSON.parse(text));
    } catch {
      this.lines.push({ message: text });
    }
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** The last lines of its output, for failure messages. */
  tail(count = 30): string {
    return this.raw.slice(-count).join('\n');
  }

  /** Log lines of level error. */
  errors(): ReplicaLogLine[] {
    return this.lines.filter(line => line.level === 'error');
  }

  /** The ids of the snapshot runs this process completed (its log). */
  completedRuns(): string[] {
    return this.lines.flatMap(line => {
      const match = /^Snapshot (\d+): /.exec(line.message ?? '');
      return match ? [match[1]] : [];
    });
  }

  /**
   * A request with the static token. Through supertest's `http` agent: the
   * tests' network guard blocks `fetch`, and an IP address needs no lookup.
   */
  async request(
    route: string,
    init: { method?: 'GET' | 'POST'; body?: object } = {},
  ): Promise<{ status: number; body: any }> {
    const agent = request(`http://127.0.0.1:${this.port}`);
    const url = `/api/apiops${route}`;
    const req = (init.method === 'POST' ? agent.post(url) : agent.get(url)).set(
      'authorization',
      `Bearer ${REPLICA_TOKEN}`,
    );
    const res = init.body === undefined ? await req : await req.send(init.body);
    return { status: res.status, body: res.body };
  }

  /**
   * Resolves once `/health` answers 200, with the time since the (last)
   * start; throws when the process exits, except once for the race of
   * Backstage's core services on an empty database (`CORE_MIGRATION_RACE`),
   * after which it starts the process again.
   */
  async ready(): Promise<number> {
    await waitFor(`${this.name} to answer /health`, async () => {
      if (!this.running) {
        // The messages, parsed: the JSON lines escape the quotes.
        const race = CORE_MIGRATION_RACE.exec(
          this.lines.map(line => String(line.message ?? '')).join('\n'),
        );
        if (race && this.restarts.length === 0) {
          this.restart(race[0]);
          return false;
        }
        throw new Error(
          `${this.name} exited with ${this.exitCode}:\n${this.tail()}`,
        );
      }
      try {
        const res = await request(`http://127.0.0.1:${this.port}`).get(
          '/api/apiops/health',
        );
        return res.status === 200;
      } catch {
        return false;
      }
    });
    return Date.now() - this.startedAt;
  }

  /** SIGKILL, as a crash or an OOM kill would; resolves once it is gone. */
  async kill(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
  }
}

/**
 * Polls `check` until it returns true. The limit only keeps a broken run
 * from hanging; nothing is asserted about how long it took.
 */
export async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  options: { limitMs?: number; everyMs?: number } = {},
): Promise<void> {
  const limit = Date.now() + (options.limitMs ?? 120_000);
  for (;;) {
    if (await check()) return;
    if (Date.now() > limit) throw new Error(`Gave up waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, options.everyMs ?? 100));
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A fresh PostgreSQL database and the backend processes started on it; `stop`
 * kills every process and drops the database.
 */
export class ReplicaCluster {
  readonly processes: ReplicaProcess[] = [];
  private readonly configDir: string;

  static async create(connectionString: string): Promise<ReplicaCluster> {
    const database = `apiops_replicas_${crypto.randomBytes(6).toString('hex')}`;
    const admin = knexFactory({ client: 'pg', connection: connectionString });
    try {
      await admin.raw('CREATE DATABASE ??', [database]);
    } finally {
      await admin.destroy();
    }
    const url = new URL(connectionString);
    url.pathname = `/${database}`;
    const db = knexFactory({
      client: 'pg',
      connection: url.toString(),
      pool: { min: 0, max: 2 },
    });
    return new ReplicaCluster(connectionString, database, db);
  }

  private constructor(
    private readonly connectionString: string,
    readonly database: string,
    /** A connection to the shared database, for the checks. */
    readonly db: Knex,
  ) {
    this.configDir = fs.mkdtempSync(path.join(os.tmpdir(), `${database}-`));
  }

  /** Starts a backend process; `ready()` it before use. */
  async start(name: string, options: ReplicaOptions): Promise<ReplicaProcess> {
    const port = await freePort();
    const config = {
      backend: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { host: '127.0.0.1', port },
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: REPLICA_TOKEN, subject: 'replica-test' },
            },
          ],
        },
        database: {
          client: 'pg',
          connection: this.connectionString,
          ensureExists: false,
          plugin: { apiops: { connection: { database: this.database } } },
        },
      },
      apiops: { snapshot: options.snapshot },
    };
    // JSON is YAML: the config loader reads it as an app-config file.
    const configFile = path.join(this.configDir, `${name}.yaml`);
    fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
    const spawnChild = () =>
      spawn(
        process.execPath,
        [
          '--require',
          require.resolve('@backstage/cli/config/nodeTransform.cjs'),
          LAUNCHER,
          '--config',
          configFile,
        ],
        {
          cwd: path.resolve(__dirname, '../..'),
          env: {
            ...process.env,
            // JSON logs, one object a line
            NODE_ENV: 'production',
            APIOPS_REPLICA_CATALOG: options.catalog ?? 'example',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
    const replica = new ReplicaProcess(name, port, spawnChild);
    this.processes.push(replica);
    return replica;
  }

  /** Kills every process still running, then drops the database. */
  async stop(): Promise<void> {
    await Promise.all(this.processes.map(replica => replica.kill()));
    await this.db.destroy();
    const admin = knexFactory({
      client: 'pg',
      connection: this.connectionString,
    });
    try {
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [
        this.database,
      ]);
    } finally {
      await admin.destroy();
    }
    fs.rmSync(this.configDir, { recursive: true, force: true });
  }
}
