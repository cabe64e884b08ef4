import type http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Listens on `port` (0: any free one) and resolves with the port bound. A port in use fails with
 * a message written for people (what to stop, or which setting picks another port).
 */
export function listenOn(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(
          new Error(
            `Port ${port} on ${host} is already in use (EADDRINUSE): stop the process using it, ` +
              'or choose another port (PORT=<n> for npm start, or port: 0 for any free port)',
            { cause: err },
          ),
        );
      } else reject(err);
    });
    server.listen({ port, host, backlog: 4096 }, () => {
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * The URL a local process reaches a server at: a wildcard bind (`0.0.0.0`) or none is reached on
 * 127.0.0.1, an IPv6 address goes in brackets.
 * @example edgeUrlFor('0.0.0.0', 3000) // 'http://127.0.0.1:3000'
 */
export function edgeUrlFor(host: string | undefined, port: number): string {
  const reachable = host && host !== '0.0.0.0' ? host : '127.0.0.1';
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}
