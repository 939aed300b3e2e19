package jp.mynaterm.hardware.card.virtual;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the virtual card into pcscd's vsmartcard reader ({@code vpcd}): a TCP client to vpcd, which
 * pcscd then sees as a card in "Virtual PCD 00 00" (port 35963) or "00 01" (35964). Frames are a
 * 2-byte big-endian length and data; 1-byte frames are controls (00 off, 01 on, 02 reset, 04 ATR).
 *
 * <p>The card is "in the reader" while connected. {@link #pull()} takes it out (the socket closes,
 * pcscd reports removal); {@link #insert()} puts it back. A pulled-mid-command fault does the same.
 * If vpcd is not there (pcscd not running) it keeps trying every second until stopped.
 */
public final class VpcdClient implements AutoCloseable {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 35963;
  private static final Logger log = LoggerFactory.getLogger(VpcdClient.class);

  private final VirtualMyNumberCard card;
  private final InetSocketAddress address;
  private final Thread thread;
  private final Object lock = new Object();
  private volatile boolean running = true;
  private volatile boolean inserted = true;
  private volatile boolean connected;
  private volatile Socket socket;
  private boolean toldWaiting;

  private VpcdClient(VirtualMyNumberCard card, InetSocketAddress address) {
    this.card = card;
    this.address = address;
    this.thread = Thread.ofPlatform().daemon().name("vpcd-client").unstarted(this::run);
  }

  public static VpcdClient start(VirtualMyNumberCard card, String host, int port) {
    VpcdClient c = new VpcdClient(card, new InetSocketAddress(host, port));
    c.thread.start();
    return c;
  }

  /** True while vpcd has the card (connected). */
  public boolean connected() {
    return connected;
  }

  public VirtualMyNumberCard card() {
    return card;
  }

  /** Takes the card out of the reader. */
  public void pull() {
    inserted = false;
    closeSocket();
  }

  /** Puts the card back into the reader. */
  public void insert() {
    synchronized (lock) {
      inserted = true;
      lock.notifyAll();
    }
  }

  private void run() {
    while (running) {
      if (!inserted) {
        synchronized (lock) {
          while (running && !inserted) {
            try {
              lock.wait();
            } catch (InterruptedException e) {
              return;
            }
          }
        }
        continue;
      }
      try (Socket s = new Socket()) {
        s.connect(address, 2000);
        s.setTcpNoDelay(true);
        socket = s;
        connected = true;
        log.info("virtual card for resident {} is in the vpcd reader at {}", card.resident().id(), address);
        serve(s);
      } catch (CardPulledException e) {
        log.info("virtual card pulled mid-command");
        inserted = false;
      } catch (IOException e) {
        if (running && inserted) {
          if (!toldWaiting) log.info("waiting for vpcd at {} (is pcscd with vsmartcard-vpcd running?)", address);
          toldWaiting = true;
          log.debug("vpcd at {}: {}; retrying", address, e.getMessage());
          pause(Duration.ofSeconds(1));
        }
      } finally {
        connected = false;
        socket = null;
      }
    }
  }

  private void serve(Socket s) throws IOException {
    DataInputStream in = new DataInputStream(s.getInputStream());
    DataOutputStream out = new DataOutputStream(s.getOutputStream());
    while (running) {
      int length;
      try {
        length = in.readUnsignedShort();
      } catch (EOFException e) {
        return;
      }
      byte[] frame = in.readNBytes(length);
      if (frame.length < length) return;
      byte[] reply;
      if (length == 1) {
        switch (frame[0]) {
          case 0x00, 0x01, 0x02 -> {
            card.reset();
            continue; // power off / on / reset: no reply
          }
          case 0x04 -> reply = card.atr();
          default -> {
            continue;
          }
        }
      } else {
        reply = card.process(frame);
      }
      out.writeShort(reply.length);
      out.write(reply);
      out.flush();
    }
  }

  private void closeSocket() {
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  private void pause(Duration d) {
    synchronized (lock) {
      try {
        lock.wait(d.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    closeSocket();
    synchronized (lock) {
      lock.notifyAll();
    }
    thread.interrupt();
    try {
      thread.join(3000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
