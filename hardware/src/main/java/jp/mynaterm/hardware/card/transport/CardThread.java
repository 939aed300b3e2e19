package jp.mynaterm.hardware.card.transport;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one thread a connected card's calls run on, each with a time limit. One thread per card because
 * javax.smartcardio binds exclusive access to the thread that began it, so a card's transmits, control
 * commands and release all belong on the same one. The limit is kept by the caller waiting, since a
 * native PC/SC call cannot be interrupted; after a call overran its limit the card's answer may still
 * come, so the thread takes no more work.
 */
public final class CardThread implements AutoCloseable {
  private final ExecutorService executor;
  private volatile Duration overran;

  /** A call on the card's thread, failing with a transport failure. */
  @FunctionalInterface
  public interface Call<T> {
    T run() throws TransportException;
  }

  public CardThread(ThreadFactory factory) {
    this.executor = Executors.newSingleThreadExecutor(factory);
  }

  /** Runs {@code call} on the card's thread and waits at most {@code limit} for it. */
  public <T> T call(Call<T> call, Duration limit) throws TransportException {
    Duration earlier = overran;
    if (earlier != null) throw new TransportException(new TransportFailure.Timeout(earlier, true));
    Future<T> task;
    try {
      task = executor.submit(call::run);
    } catch (RejectedExecutionException e) {
      throw new TransportException(new TransportFailure.CardRemoved()); // released
    }
    long started = System.nanoTime();
    try {
      return task.get(limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      overran = limit;
      task.cancel(true);
      throw new TransportException(new TransportFailure.Timeout(limit, false));
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case TransportException t -> throw t;
        case RuntimeException r -> throw r;
        case Error r -> throw r;
        default -> throw new IllegalStateException(e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      task.cancel(true);
      throw new TransportException(new TransportFailure.Interrupted(Duration.ofNanos(System.nanoTime() - started)));
    }
  }

  /** A call overran its limit and may still be running: nothing more is run here. */
  public boolean overran() {
    return overran != null;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
