import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A webhook receiver on 127.0.0.1 that records the JSON bodies it gets, at `url` (path `/<path>`). */
export function webhookReceiver<T = Record<string, unknown>>(path: string) {
  const got: T[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (d) => (data += d));
    req.on('end', () => {
      got.push(JSON.parse(data) as T);
      res.writeHead(200).end();
    });
  });
  return new Promise<{ url: string; got: T[]; close(): Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/${path}`,
        got,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  );
}
