package io.haulstream.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy in front of the broker's client listener that can hold every chunk for a while in each
 * direction, as {@code tc netem} would: this machine's kernel has no netem qdisc (see the fault
 * suite's report), so the applications reach the broker through this proxy, which the broker
 * advertises, and the delay fault sets {@link #delayMillis}. Chunks keep their order and are sent
 * when their time comes (a {@link DelayQueue} hands each over then), so throughput stays and only
 * latency grows.
 */
final class DelayingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private volatile long delayMillis;
    private volatile boolean open = true;

    /**
     * Bytes read, to be sent at {@code dueNanos}; no bytes marks the end of the connection. Due times
     * never decrease within one direction (a shorter delay set later waits for the chunks before it)
     * and the sequence breaks ties, so the queue's order is the order read.
     */
    private record Chunk(long dueNanos, long sequence, byte[] bytes) implements Delayed {

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Chunk that = (Chunk) other;
            int byDue = Long.compare(dueNanos, that.dueNanos);
            return byDue != 0 ? byDue : Long.compare(sequence, that.sequence);
        }

        boolean isEnd() {
            return bytes == null;
        }
    }

    DelayingProxy(int listenPort, int targetPort) throws IOException {
        this.server = new ServerSocket(listenPort, 200, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::accept, "delaying-proxy-" + listenPort);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    void delay(long millis) {
        this.delayMillis = millis;
    }

    private void accept() {
        while (open) {
            try {
                Socket client = server.accept();
                Socket broker;
                try {
                    broker = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                } catch (IOException brokerDown) {
                    client.close();
                    continue;
                }
                client.setTcpNoDelay(true);
                broker.setTcpNoDelay(true);
                pipe(client, broker);
                pipe(broker, client);
            } catch (IOException e) {
                if (!open) {
                    return;
                }
            }
        }
    }

    /** One direction: a reader stamps each chunk with its due time, a writer sends it then. */
    private void pipe(Socket from, Socket to) {
        DelayQueue<Chunk> queue = new DelayQueue<>();
        Thread reader = new Thread(() -> read(from, queue), "proxy-read");
        Thread writer = new Thread(
                () -> {
                    try (OutputStream out = to.getOutputStream()) {
                        while (true) {
                            Chunk chunk = queue.take();
                            if (chunk.isEnd()) {
                                break;
                            }
                            out.write(chunk.bytes());
                            out.flush();
                        }
                    } catch (IOException | InterruptedException closed) {
                        // the connection is gone
                    }
                    closeQuietly(from);
                    closeQuietly(to);
                },
                "proxy-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    /** Stamps each chunk read with its due time, then the end once the connection closes. */
    private void read(Socket from, DelayQueue<Chunk> queue) {
        long sequence = 0;
        long lastDue = System.nanoTime();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                lastDue = Math.max(lastDue, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis));
                queue.add(new Chunk(lastDue, sequence++, Arrays.copyOf(buffer, read)));
            }
        } catch (IOException closed) {
            // the other side or the writer closed the connection
        }
        queue.add(new Chunk(Math.max(lastDue, System.nanoTime()), sequence, null));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
    }
}
