package jp.mynaterm.hardware.escpos;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** How bytes reach a thermal printer: a TCP socket (port 9100) or a device file (USB printer class, serial). */
public sealed interface PrinterLink {
  /** One connection for one job; closed after it. */
  Session open() throws IOException;

  String describe();

  interface Session extends AutoCloseable {
    void write(byte[] bytes) throws IOException;

    /** The next byte the printer sends, or empty if it says nothing within the timeout. */
    OptionalInt read(Duration timeout) throws IOException;

    @Override
    void close() throws IOException;
  }

  /** Writing is the same for every link: whole commands, flushed so the printer acts on them now. */
  abstract class Writing implements Session {
    private final OutputStream out;

    Writing(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    static OptionalInt answer(int b) {
      return b < 0 ? OptionalInt.empty() : OptionalInt.of(b);
    }
  }

  record Tcp(String host, int port) implements PrinterLink {
    @Override
    public Session open() throws IOException {
      Socket socket = new Socket();
      try {
        socket.connect(new InetSocketAddress(host, port), 5000);
      } catch (IOException e) {
        socket.close();
        throw e;
      }
      InputStream in = socket.getInputStream();
      return new Writing(socket.getOutputStream()) {
        @Override
        public OptionalInt read(Duration timeout) throws IOException {
          socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
          try {
            return answer(in.read());
          } catch (SocketTimeoutException e) {
            return OptionalInt.empty();
          }
        }

        @Override
        public void close() throws IOException {
          socket.close();
        }
      };
    }

    @Override
    public String describe() {
      return "tcp:" + host + ":" + port;
    }
  }

  /**
   * A device file such as /dev/usb/lp0 or a serial port already set to the printer's speed (stty).
   * Reads from a device block without a timeout, so they run on a virtual thread we stop waiting for.
   */
  record Device(Path path) implements PrinterLink {
    @Override
    public Session open() throws IOException {
      FileOutputStream out = new FileOutputStream(path.toFile(), true);
      FileInputStream in;
      try {
        in = new FileInputStream(path.toFile());
      } catch (IOException e) {
        out.close();
        throw e;
      }
      var reader = Executors.newVirtualThreadPerTaskExecutor();
      return new Writing(out) {
        @Override
        public OptionalInt read(Duration timeout) throws IOException {
          java.util.concurrent.Future<Integer> pending = reader.submit(() -> in.read());
          try {
            return answer(pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
          } catch (TimeoutException e) {
            pending.cancel(true);
            return OptionalInt.empty();
          } catch (ExecutionException e) {
            throw new IOException("reading " + path + ": " + e.getCause().getMessage(), e.getCause());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
          }
        }

        @Override
        public void close() throws IOException {
          try (out; in) {
            reader.shutdownNow();
          }
        }
      };
    }

    @Override
    public String describe() {
      return "device:" + path;
    }
  }
}
