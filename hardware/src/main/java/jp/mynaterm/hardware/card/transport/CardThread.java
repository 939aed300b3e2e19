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
 * native PC/SC call cannot be interrupted; after a call overran its limit, or its waiter was
 * interrupted, the card's answer may still come, so the thread takes no more work.
 */
public final class CardThread implements AutoCloseable {
  private final ExecutorService executor;
  /** Why the thread takes no more work (a call overran its limit or its waiter was interrupted); null while healthy. */
  private volatile TransportFailure broken;

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
    switch (broken) {
      case null -> {}
      case TransportFailure.Interrupted i -> throw new TransportException(new TransportFailure.Interrupted(i.after(), true));
      case TransportFailure.Timeout t -> throw new TransportException(new TransportFailure.Timeout(t.after(), true));
      default -> throw new TransportException(broken);
    }
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
      broken = new TransportFailure.Timeout(limit, false);
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
      // The call may still be running on the card's thread (a native call ignores interrupts): the
      // card's state is unknown, so nothing more goes to it, as after a time-out.
      var interrupted = new TransportFailure.Interrupted(Duration.ofNanos(System.nanoTime() - started), false);
      broken = interrupted;
      task.cancel(true);
      throw new TransportException(interrupted);
    }
  }

  /** A call overran its limit or was interrupted and may still be running: nothing more is run here. */
  public boolean broken() {
    return broken != null;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
