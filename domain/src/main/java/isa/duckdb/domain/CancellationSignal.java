package isa.duckdb.domain;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells running work that its caller gave up (cancelled, or its deadline passed). Work registers
 * what to do on cancellation; the first {@link #cancel} wins and runs the hooks once.
 */
public final class CancellationSignal {
    private final AtomicReference<ErrorKind> reason = new AtomicReference<>();
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

    public static CancellationSignal none() {
        return new CancellationSignal();
    }

    /** Runs the hook now if already cancelled, else when cancelled. Returns a handle to remove it. */
    public Runnable onCancel(Runnable hook) {
        hooks.add(hook);
        if (reason.get() != null && hooks.remove(hook)) {
            hook.run();
        }
        return () -> hooks.remove(hook);
    }

    /**
     * Runs every hook even when one of them throws; the first failure is rethrown afterwards, with
     * any later ones added to it as suppressed.
     *
     * @param why {@link ErrorKind#DEADLINE_EXCEEDED} or {@link ErrorKind#CANCELLED}
     */
    public void cancel(ErrorKind why) {
        if (reason.compareAndSet(null, why)) {
            RuntimeException failure = null;
            for (Runnable hook : hooks) {
                if (hooks.remove(hook)) {
                    try {
                        hook.run();
                    } catch (RuntimeException e) {
                        if (failure == null) {
                            failure = e;
                        } else {
                            failure.addSuppressed(e);
                        }
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    public boolean isCancelled() {
        return reason.get() != null;
    }

    /** The reason, or null while not cancelled. */
    public ErrorKind reason() {
        return reason.get();
    }

    /** The exception a cancelled piece of work ends with. */
    public ServiceException asException(String what) {
        ErrorKind why = reason.get() == null ? ErrorKind.CANCELLED : reason.get();
        String detail = why == ErrorKind.DEADLINE_EXCEEDED
                ? what + " exceeded its deadline and was interrupted"
                : what + " was cancelled by the caller";
        return new ServiceException(why, detail);
    }
}
