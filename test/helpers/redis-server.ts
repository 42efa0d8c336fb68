import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';

/**
 * A real redis-server (Debian's package; .ci/run installs it) on a free loopback port, in a temp
 * dir, with nothing saved to disk. `stop()` shuts it down (the "Redis went away" case) and
 * `start()` brings it back on the same port.
 */
export class RedisServer {
  private child: ChildProcess | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), 'ptest-redis-'));
  /** with TLS: the PEM file of the private CA that signed the server's certificate */
  readonly caFile: string | undefined;

  private constructor(
    readonly port: number,
    private readonly options: { tls?: boolean; password?: string },
  ) {
    if (options.tls) this.caFile = makeCertificates(this.dir);
  }

  /** `tls`: only rediss:// on the port, with a certificate for 127.0.0.1 from a private CA; `password`: requirepass */
  static async start(options: { tls?: boolean; password?: string } = {}): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), options);
    await server.start();
    return server;
  }

  url(db = 0, auth = ''): string {
    return `${this.options.tls ? 'rediss' : 'redis'}://${auth}127.0.0.1:${this.port}/${db}`;
  }

  async start(extraArgs: string[] = []): Promise<void> {
    const { tls, password } = this.options;
    const port = tls ? ['--port', '0', '--tls-port', String(this.port), '--tls-auth-clients', 'no', ...['cert', 'key', 'ca-cert'].flatMap((f) => [`--tls-${f}-file`, join(this.dir, `${f}.pem`)])] : ['--port', String(this.port)];
    const auth = password ? ['--requirepass', password] : [];
    const args = [...port, ...auth, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir, ...extraArgs];
    this.child = spawn('redis-server', args, { stdio: 'ignore' });
    await waitForPort(this.port);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * The redis-server a test file's jobs share: started before its tests and stopped after them,
 * with a client to look into the builds' keys.
 */
export interface SharedRedis {
  readonly server: RedisServer;
  readonly client: Redis;
  /** resolves once `jobId` of `build` has reserved at least `count` units */
  reserved(build: string, jobId: string, count?: number): Promise<void>;
}

/** Call at the top of a test file; its own afterAll hooks run before the server stops. */
export function useRedisServer(): SharedRedis {
  let started: { server: RedisServer; client: Redis } | undefined;
  beforeAll(async () => {
    const server = await RedisServer.start();
    started = { server, client: new Redis(server.url()) };
  });
  afterAll(async () => {
    started?.client.disconnect();
    await started?.server.stop();
  });
  const get = () => {
    if (!started) throw new Error('useRedisServer: the server starts in beforeAll; use it inside tests and hooks');
    return started;
  };
  return {
    get server() {
      return get().server;
    },
    get client() {
      return get().client;
    },
    async reserved(build, jobId, count = 1) {
      while ((await get().client.llen(`ptest:${build}:reserved:${jobId}`)) < count) await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
}

/** a private CA (ca-cert.pem) and a certificate it signed for 127.0.0.1 (cert.pem, key.pem), with openssl */
function makeCertificates(dir: string): string {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca-key.pem', '-out', 'ca-cert.pem', '-days', '1', '-subj', '/CN=ptest test CA');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(join(dir, 'san.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca-cert.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', 'cert.pem', '-days', '1', '-extfile', 'san.cnf');
  return join(dir, 'ca-cert.pem');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not start on port ${port}`);
}
