package jp.mynaterm.hardware.escpos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * A network thermal printer for tests: listens on 127.0.0.1, keeps every byte of every connection,
 * and answers DLE EOT 4 with the paper status byte the test sets (or not at all).
 */
final class CapturingPrinter implements AutoCloseable {
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  final List<byte[]> connections = new CopyOnWriteArrayList<>();
  volatile Integer paperAnswer = 0x12; // fixed bits 1 and 4 set, nothing wrong

  CapturingPrinter() throws IOException {
    server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    threads.submit(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  private Void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        threads.submit(() -> serve(client));
      } catch (IOException e) {
        return null;
      }
    }
    return null;
  }

  private Void serve(Socket client) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
      int b;
      int[] last = new int[3];
      while ((b = in.read()) >= 0) {
        received.write(b);
        last[0] = last[1];
        last[1] = last[2];
        last[2] = b;
        if (last[0] == 0x10 && last[1] == 0x04 && last[2] == 4 && paperAnswer != null) {
          out.write(paperAnswer);
          out.flush();
        }
      }
    } finally {
      connections.add(received.toByteArray());
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
