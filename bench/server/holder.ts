import { connectMany } from './clients';

// One client process of the `hold` phase: opens its share of idle connections (from its own
// loopback source address, so the phases can go past one address's ephemeral ports), holds
// them while socket.io's heartbeats run, and reports how many stayed connected.

interface HoldOrder {
  url: string;
  tokens: string[];
  localAddress: string;
}

process.once('message', (order: HoldOrder) => {
  void hold(order).catch((error: unknown) => {
    process.send?.({ type: 'failed', message: error instanceof Error ? error.message : 'unknown' });
  });
});

async function hold({ url, tokens, localAddress }: HoldOrder): Promise<void> {
  const opened = await connectMany(url, tokens, 200, { localAddress });
  let disconnects = 0;
  for (const socket of opened.sockets) socket.on('disconnect', () => (disconnects += 1));
  process.send?.({
    type: 'opened',
    connected: opened.sockets.length,
    failed: opened.failed,
    ...(opened.firstError ? { firstError: opened.firstError } : {}),
  });
  process.once('message', () => {
    const alive = opened.sockets.filter((s) => s.connected).length;
    const dropped = disconnects;
    for (const socket of opened.sockets) socket.disconnect();
    process.send?.({ type: 'held', alive, disconnects: dropped });
    setTimeout(() => process.exit(0), 200).unref();
  });
}
